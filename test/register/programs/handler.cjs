'use strict';
// A socket-like handler run under leakproof/register: it keeps views of each chunk (the leaks), makes
// one that dies with the call, and keeps an exact copy. Prints report() once the garbage collector has run.
const { report, copy } = require(process.env.LEAKPROOF_RUNTIME);

const kept = (globalThis.kept = []); // reachable until the process exits (LEAKPROOF_REPORT)
function onData(chunk) {
  const transient = chunk.subarray(0, 4); // TRANSIENT
  if (transient.readUInt32BE(0) !== 0) throw new Error('unexpected');
  kept.push(chunk.subarray(4, 20)); // LEAK
  kept.push(new Uint8Array(chunk.buffer, chunk.byteOffset + 64, 8)); // CONSTRUCTOR
  kept.push(copy(chunk, 20, 36)); // COPY
  if (chunk[40] === 1) kept.push(chunk.slice(40, 48)); // SLICE
  // Views of 16 KiB and more are followed with an object rather than a packed number (src/runtime/sites.ts).
  kept.push(chunk.subarray(1000, 21000)); // BIG
  if (chunk.subarray(30000, 50000).length !== 20000) throw new Error('unexpected'); // BIG TRANSIENT
}
for (let i = 0; i < 30; i++) onData(Buffer.alloc(65536, 1).fill(0, 0, 4));

const ab = new ArrayBuffer(32768);
const spare = { view: null };
kept.push(spare?.view ?? Buffer.from(ab, 128, 16)); // FROM
kept.push(new DataView(ab, 256, 8)); // DATAVIEW

setImmediate(async () => {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  console.log(JSON.stringify({ kept: kept.length, report: report() }));
});
