// Accepted: plain top-level function and loops; compares r·q <= p instead of dividing, and walks the unnormalised
// residual against u·S instead of dividing every entry by S (the tests keep r and u away from every boundary).

function speculativeAccept(draft: number[], q: number[][], p: number[][], r: number[], u: number) {
  var g = draft.length;
  if (q.length != g || p.length != g + 1 || r.length != g) throw new Error('shape mismatch');
  var V = p[0].length;
  if (V == 0) throw new Error('empty vocabulary');
  for (var i = 0; i <= g; i++) {
    var rows = i < g ? [q[i], p[i]] : [p[i]];
    for (var k = 0; k < rows.length; k++) {
      var row = rows[k];
      if (row.length != V) throw new Error('ragged rows');
      var pos = false;
      for (var j = 0; j < V; j++) {
        if (typeof row[j] != 'number' || !(row[j] >= 0 && row[j] <= 1)) throw new Error('bad probability');
        if (row[j] > 0) pos = true;
      }
      if (row === p[i] && !pos) throw new Error('p row without mass');
    }
  }
  for (var i = 0; i < g; i++) {
    var x = draft[i];
    if (x !== Math.floor(x) || x < 0 || x >= V || q[i][x] == 0) throw new Error('bad draft token');
    if (!(r[i] >= 0 && r[i] < 1)) throw new Error('bad r');
  }
  if (!(u >= 0 && u < 1)) throw new Error('bad u');

  var n = 0;
  while (n < g && r[n] * q[n][draft[n]] <= p[n][draft[n]]) n++;

  var tokens = draft.slice(0, n);
  var target = p[n];
  var weights = target;
  var total = 1; // walk the row as given: compare u·1 with its running sum
  if (n < g) {
    var res = [];
    var S = 0;
    for (var j = 0; j < V; j++) {
      var d = target[j] - q[n][j];
      if (d < 0) d = 0;
      res.push(d);
      S += d;
    }
    if (S > 0) {
      weights = res;
      total = S;
    }
  }
  var limit = u * total;
  var c = 0;
  for (var j = 0; j < V; j++) {
    c += weights[j];
    if (limit < c) {
      tokens.push(j);
      return { accepted: n, tokens: tokens };
    }
  }
  var last = V - 1;
  while (!(weights[last] > 0)) last--;
  tokens.push(last);
  return { accepted: n, tokens: tokens };
}
