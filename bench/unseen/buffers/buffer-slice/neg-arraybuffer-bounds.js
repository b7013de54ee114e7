function toArrayBuffer(buf) {
  const copy = Buffer.from(buf);
  return copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength);
}

module.exports = toArrayBuffer;
