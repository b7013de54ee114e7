'use strict';
// Measures what the retention rules are about, on the machine it runs on:
//   node --expose-gc scripts/measure-retention.js
// Each case keeps 2,000 small pieces of large inputs and reports the memory still held after a full GC.
// The docs quote its figures; re-run it rather than trusting them.
if (typeof global.gc !== 'function') {
  console.error('run with: node --expose-gc scripts/measure-retention.js');
  process.exit(2);
}

const PIECES = 2000;
const CHUNK = 64 * 1024;

function settle() {
  for (let i = 0; i < 4; i++) global.gc();
}

function bytesCase(name, piece) {
  settle();
  const before = process.memoryUsage().arrayBuffers;
  const kept = [];
  for (let i = 0; i < PIECES; i++) {
    const chunk = Buffer.allocUnsafeSlow(CHUNK);
    chunk.fill(i & 0xff);
    kept.push(piece(chunk));
  }
  settle();
  const held = process.memoryUsage().arrayBuffers - before;
  // Read the collection after measuring: V8 may free it early otherwise.
  const check = kept.reduce((sum, view) => sum + view.length, 0);
  console.log(`${name.padEnd(46)} ${(held / 1e6).toFixed(2).padStart(8)} MB of ArrayBuffers held for ${PIECES} kept 16-byte pieces (${check} bytes used)`);
}

// A kept small copy taken from the shared pool, among other short-lived pooled allocations (a server
// encoding replies between two kept records): each kept copy holds a whole pool slab.
function pooledCase(name, keep) {
  settle();
  const before = process.memoryUsage().arrayBuffers;
  const kept = [];
  for (let i = 0; i < PIECES; i++) {
    for (let j = 0; j < 4; j++) Buffer.from('x'.repeat(2000)); // transient pooled allocations
    const record = Buffer.alloc(300, i & 0xff);
    kept.push(keep(record.subarray(0, 16)));
  }
  settle();
  const held = process.memoryUsage().arrayBuffers - before;
  const check = kept.reduce((sum, view) => sum + view.length, 0);
  console.log(`${name.padEnd(46)} ${(held / 1e6).toFixed(2).padStart(8)} MB of ArrayBuffers held for ${PIECES} kept 16-byte copies (${check} bytes used)`);
}

function stringCase(name, piece) {
  settle();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (let i = 0; i < 200; i++) {
    const line = `${i}:`.padEnd(1024 * 1024, String.fromCharCode(97 + (i % 26)));
    kept.push(piece(line));
  }
  settle();
  const held = process.memoryUsage().heapUsed - before;
  const check = kept.reduce((sum, s) => sum + s.length, 0);
  console.log(`${name.padEnd(46)} ${(held / 1e6).toFixed(1).padStart(8)} MB of heap held for 200 kept 30-character pieces of 1 MB strings (${check} chars)`);
}

console.log(`Node ${process.version}, Buffer.poolSize ${Buffer.poolSize}`);
bytesCase('view: chunk.subarray(0, 16)', (chunk) => chunk.subarray(0, 16));
// Buffer#slice (doc-deprecated) is the same view as subarray, unlike Array and TypedArray#slice.
bytesCase('view: chunk.slice(0, 16) (Buffer#slice)', (chunk) => chunk.slice(0, 16));
bytesCase('copy: Uint8Array.prototype.slice.call', (chunk) => Uint8Array.prototype.slice.call(chunk, 0, 16));
pooledCase('pooled copy: Buffer.from(piece)', (piece) => Buffer.from(piece));
pooledCase('unpooled copy: Uint8Array.prototype.slice.call', (piece) => Uint8Array.prototype.slice.call(piece));
stringCase('slice: line.slice(2, 32)', (line) => line.slice(2, 32));
stringCase("detached: (' ' + line.slice(2, 32)).slice(1)", (line) => (' ' + line.slice(2, 32)).slice(1));
stringCase('detached: structuredClone(line.slice(2, 32))', (line) => structuredClone(line.slice(2, 32)));
stringCase('detached: Buffer round trip', (line) => Buffer.from(line.slice(2, 32)).toString());
// V8 returns the same string for `s + ''`: still the sliced string.
stringCase("not detached: line.slice(2, 32) + ''", (line) => line.slice(2, 32) + '');
// A concatenation of 13+ characters is a cons string that points at the piece, and so at its parent.
stringCase('concatenated: `${line.slice(2, 32)}...`', (line) => `${line.slice(2, 32)}...`);
