// The ES module twin of handler.cjs: views kept from a 'data'-style handler, one that dies, an exact copy.
import { createRequire } from 'node:module';

const { report, copy } = createRequire(import.meta.url)(process.env.LEAKPROOF_RUNTIME);

const kept = [];
const frames = { last: null };
function onData(chunk) {
  const transient = chunk?.subarray(0, 4); // TRANSIENT
  if (transient.readUInt32BE(0) !== 0) throw new Error('unexpected');
  frames.last = chunk.subarray(4, 20); // LAST
  kept.push(frames.last.subarray(0, 8)); // LEAK
  kept.push(copy(chunk, 20, 36)); // COPY
}
for (let i = 0; i < 20; i++) onData(Buffer.alloc(65536, 1).fill(0, 0, 4));
kept.push(new Float64Array(new ArrayBuffer(65536), 8, 2)); // CONSTRUCTOR

for (let i = 0; i < 3; i++) {
  global.gc();
  await new Promise((resolve) => setTimeout(resolve, 5));
}
console.log(JSON.stringify({ kept: kept.length, report: report() }));
