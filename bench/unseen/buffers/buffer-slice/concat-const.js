function frame(type, payload) {
  const out = Buffer.concat([Buffer.from([type]), payload]);
  const header = out.slice(0, 1); // expect: no-buffer-slice
  return { header, out };
}

module.exports = frame;
