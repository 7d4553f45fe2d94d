// Accepted: a plain imperative version. Every step collects all candidates, sorts them with a comparator
// (score desc, beam asc, token asc) and walks the first 2·numBeams of them.

function beamSearch(step: (prefix: number[]) => number[], numBeams: number, maxNewTokens: number, eos: number, alpha: number) {
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new Error('bad numBeams');
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new Error('bad maxNewTokens');
  if (!Number.isInteger(eos) || eos < 0) throw new Error('bad eos');
  if (!Number.isFinite(alpha)) throw new Error('bad alpha');

  var hypTokens: number[][] = [];
  var hypScores: number[] = [];

  function add(tokens: number[], score: number) {
    if (hypScores.length < numBeams) {
      hypTokens.push(tokens);
      hypScores.push(score);
      return;
    }
    var worst = 0;
    for (var i = 1; i < hypScores.length; i++) {
      if (hypScores[i] < hypScores[worst]) worst = i;
    }
    if (score > hypScores[worst]) {
      hypTokens.splice(worst, 1);
      hypScores.splice(worst, 1);
      hypTokens.push(tokens);
      hypScores.push(score);
    }
  }

  var beamTokens: number[][] = [[]];
  var beamSums: number[] = [0];
  var done = false;

  for (var t = 1; t <= maxNewTokens; t++) {
    if (beamTokens.length === 0) break;
    var cands: { s: number; b: number; v: number }[] = [];
    for (var b = 0; b < beamTokens.length; b++) {
      var row = step(beamTokens[b]);
      for (var v = 0; v < row.length; v++) {
        cands.push({ s: beamSums[b] + row[v], b: b, v: v });
      }
    }
    cands.sort(function (x, y) {
      if (x.s !== y.s) return x.s > y.s ? -1 : 1;
      if (x.b !== y.b) return x.b - y.b;
      return x.v - y.v;
    });
    var n = Math.min(2 * numBeams, cands.length);
    var newTokens: number[][] = [];
    var newSums: number[] = [];
    for (var r = 0; r < n; r++) {
      if (newTokens.length === numBeams) break;
      var c = cands[r];
      var prefix = beamTokens[c.b].slice();
      prefix.push(c.v);
      if (c.v === eos) {
        if (r >= numBeams) continue;
        add(prefix, c.s / Math.pow(t, alpha));
      } else {
        newTokens.push(prefix);
        newSums.push(c.s);
      }
    }
    beamTokens = newTokens;
    beamSums = newSums;
    if (hypScores.length >= numBeams) {
      done = true;
      break;
    }
  }

  if (!done) {
    for (var k = 0; k < beamTokens.length; k++) {
      add(beamTokens[k], beamSums[k] / Math.pow(beamTokens[k].length, alpha));
    }
  }

  var best = 0;
  for (var j = 1; j < hypScores.length; j++) {
    if (hypScores[j] >= hypScores[best]) best = j;
  }
  return { tokens: hypTokens[best], score: hypScores[best] };
}
