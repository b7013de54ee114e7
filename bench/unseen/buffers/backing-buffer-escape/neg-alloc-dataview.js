function header(kind, size) {
  const b = Buffer.alloc(8);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, kind);
  dv.setUint32(4, size);
  return b;
}

module.exports = header;
