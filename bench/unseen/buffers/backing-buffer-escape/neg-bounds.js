function asWords(x) {
  return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
}

module.exports = asWords;
