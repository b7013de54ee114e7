function toBytes(str) {
  const buf = Buffer.from(str, 'latin1');
  return new Uint8Array(buf.buffer); // expect: no-backing-buffer-escape
}

module.exports = toBytes;
