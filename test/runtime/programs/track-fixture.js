'use strict';
// A socket-like handler that keeps a view of each chunk (the leak) and a copy of another fragment
// (no leak), run under track(). Prints report() once the garbage collector has run.
const runtime = require(process.env.LEAKPROOF_RUNTIME);

const mode = process.argv[2] || 'default';
runtime.track({ minParentBytes: 4096, maxViewRatio: 0.25, sampleRate: 1 });

const headers = [];
const names = [];
function onData(chunk) {
  const transient = chunk.subarray(0, 4); // TRANSIENT: dies with the handler
  if (transient.readUInt32BE(0) !== 0) throw new Error('unexpected');
  headers.push(chunk.subarray(4, 20)); // LEAK: a view of the chunk is kept
  names.push(runtime.copy(chunk, 20, 36)); // COPY: an exact copy is kept
}
for (let i = 0; i < 50; i++) onData(Buffer.alloc(65536, i & 255).fill(0, 0, 4));

const viewsOfAb = [];
const ab = new ArrayBuffer(32768);
viewsOfAb.push(new Uint8Array(ab, 64, 16)); // CONSTRUCTOR
viewsOfAb.push(new DataView(ab, 128, 8)); // DATAVIEW

if (mode === 'untrack') runtime.untrack();

setImmediate(async () => {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const report = runtime.report();
  console.log(JSON.stringify({ report, kept: headers.length + names.length + viewsOfAb.length, findings: runtime.toSarifFindings(report) }));
});
