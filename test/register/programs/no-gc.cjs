'use strict';
// Views that escape their call (so the loader wraps them), most of them dropped at once; report() is
// asked synchronously, with no collection forced and no turn of the event loop for finalizers to run.
const { report } = require(process.env.LEAKPROOF_RUNTIME);

const kept = (globalThis.kept = []);
function onChunk(chunk, i) {
  const header = chunk.subarray(0, 8); // HEADER
  if (i % 20 === 0) kept.push(header);
  return header.length;
}
function run() {
  let total = 0;
  for (let i = 0; i < 200; i++) total += onChunk(Buffer.alloc(65536), i);
  return total;
}
run();
if (process.env.BREAK_INSPECTOR === '1') {
  // A session that no longer answers after the loader chose stamps: report() says what it left out.
  require('node:inspector').Session.prototype.post = function () {
    throw new Error('the session is gone');
  };
}
console.log(JSON.stringify({ kept: kept.length, report: report() }));
