'use strict';
// A package's own parser module, imported by path from test cases: some of its functions hand back
// views of the bytes they are given, some copies.

/** A record whose `key` is a view of `buf`. */
exports.parseHeader = function parseHeader(buf) {
  const id = buf.readUInt32BE(0);
  return { id, key: buf.subarray(4, 36) };
};

/** A view of `buf`, through a variable that holds it. */
exports.keyOf = function keyOf(buf) {
  const key = buf.subarray(4, 36);
  return key;
};

/** A copy: nothing of `buf` is kept with it. */
exports.keyCopy = function keyCopy(buf) {
  return Buffer.from(buf.subarray(4, 36));
};

/** `slice` of a value this file cannot tell: a view of a Buffer, a copy of anything else. */
exports.head = function head(value) {
  return value.slice(0, 4);
};

/** A view of the store behind `bytes`, made with the typed-array constructor. */
exports.wordsOf = function wordsOf(bytes) {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + 4, 16);
};

/** A parameter reassigned before it is cut: what is cut is not what the caller handed in. */
exports.trimmed = function trimmed(buf) {
  buf = Buffer.from(buf);
  return buf.subarray(1);
};

/** All of the bytes `buffer` is a view of, as a Uint8Array: no more than `buffer` keeps itself. */
exports.asBytes = function asBytes(buffer) {
  if (buffer instanceof Uint8Array) return buffer;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};
