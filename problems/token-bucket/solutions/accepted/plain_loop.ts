// Accepted: plain imperative loop, validation first, then a second pass.

function tokenBucket(capacity: number, ratePerSec: number, requests: number[][]) {
  if (!Number.isInteger(capacity) || capacity < 0) throw new Error('bad capacity');
  if (!Number.isInteger(ratePerSec) || ratePerSec < 0) throw new Error('bad rate');
  var prev = 0;
  for (var i = 0; i < requests.length; i++) {
    var t = requests[i][0];
    var n = requests[i][1];
    if (t < 0) throw new Error('negative time');
    if (t < prev) throw new Error('time went backwards');
    if (!Number.isInteger(n) || n < 0) throw new Error('bad n');
    prev = t;
  }

  var max = capacity * 1000;
  var balance = max;
  var lastTime = 0;
  var granted = new Array(requests.length);
  var milliTokens = new Array(requests.length);
  for (var j = 0; j < requests.length; j++) {
    var now = requests[j][0];
    var want = requests[j][1] * 1000;
    balance = balance + (now - lastTime) * ratePerSec;
    if (balance > max) balance = max;
    lastTime = now;
    if (balance >= want) {
      balance = balance - want;
      granted[j] = true;
    } else {
      granted[j] = false;
    }
    milliTokens[j] = balance;
  }
  return { granted: granted, milliTokens: milliTokens };
}
