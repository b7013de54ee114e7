'use strict';
// What kept pieces cost, measured: 2000 16-byte pieces of 64 KB chunks, or 5000 16-byte copies made
// between transient pooled allocations (facts/pool-pinning.js). Prints ArrayBuffer bytes alive.
// Run: node --expose-gc retention.js subarray|copy|copy-pooled|buffer-from-pooled
const { copy, retainedBytes } = require(process.env.LEAKPROOF_RUNTIME);

const way = process.argv[2];
const keep = [];
if (way === 'string-slice' || way === 'string-detach') {
  // 200 kept 30-character pieces of 1 MB strings (facts/string-retention.js): heap bytes alive.
  const { detach } = require(process.env.LEAKPROOF_RUNTIME);
  for (let i = 0; i < 200; i++) {
    const piece = ('a'.repeat(50) + i + '|' + 'c'.repeat(1 << 20)).slice(20, 50);
    keep.push(way === 'string-detach' ? detach(piece) : piece);
  }
  global.gc();
  global.gc();
  console.log(JSON.stringify({ heapUsed: process.memoryUsage().heapUsed, kept: keep.length }));
  process.exit(0);
}
if (way === 'subarray' || way === 'copy') {
  for (let i = 0; i < 2000; i++) {
    const chunk = Buffer.alloc(65536, i & 255);
    keep.push(way === 'copy' ? copy(chunk, 10, 26) : chunk.subarray(10, 26));
  }
} else {
  for (let i = 0; i < 5000; i++) {
    for (let j = 0; j < 4; j++) Buffer.from('x'.repeat(2000)); // transient pooled allocations
    const chunk = Buffer.alloc(300, i & 255);
    keep.push(way === 'copy-pooled' ? copy(chunk, 0, 16) : Buffer.from(chunk.subarray(0, 16)));
  }
}
global.gc();
global.gc();
const arrayBuffers = process.memoryUsage().arrayBuffers;
console.log(JSON.stringify({ arrayBuffers, kept: keep.length, retainedBytesOfFirst: retainedBytes(keep[0]), isBuffer: keep[0] instanceof Buffer }));
