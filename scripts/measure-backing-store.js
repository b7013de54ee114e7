'use strict';
// What `x.buffer` exposes when it is used as `x`'s bytes, on the machine it runs on:
//   node scripts/measure-backing-store.js
// Two small Buffers made one after the other (two requests' data) share one pool slab; reading the
// first one's `.buffer` whole reads the second one's bytes too. Figures are for the Node that runs it.
const first = Buffer.from('user=alice;token=1111');
const second = Buffer.from('user=bob;token=2222');
const exposed = new Uint8Array(first.buffer);
const text = Buffer.from(exposed).toString('latin1');
console.log(`Buffer.poolSize: ${Buffer.poolSize}`);
console.log(`first: ${first.length} bytes at offset ${first.byteOffset} of an ArrayBuffer of ${first.buffer.byteLength} bytes`);
console.log(`new Uint8Array(first.buffer): ${exposed.length} bytes; contains the second Buffer: ${text.includes('user=bob;token=2222')}`);
console.log(`new Uint8Array(first.buffer, first.byteOffset, first.byteLength): ${new Uint8Array(first.buffer, first.byteOffset, first.byteLength).length} bytes`);
// A view of a larger chunk: the rest of the chunk comes along.
const chunk = Buffer.allocUnsafeSlow(64 * 1024);
const header = chunk.subarray(0, 16);
console.log(`header of a 64 KB chunk: header.buffer.byteLength = ${header.buffer.byteLength}`);
// `fill`, `sort`, `reverse` and `copyWithin` return the array they are called on: its store is still its own.
const filled = new Uint32Array(256);
for (const method of ['fill', 'sort', 'reverse', 'copyWithin']) {
  const returned = method === 'fill' ? filled.fill(7) : method === 'copyWithin' ? filled.copyWithin(0, 1) : filled[method]();
  console.log(`new Uint32Array(256).${method}(…) returns the same array: ${returned === filled}; its .buffer is ${returned.buffer.byteLength} bytes (the array's: ${filled.byteLength})`);
}
void second;
