function pad(str) {
  var b = new Buffer(str);
  return b.slice(0, 16); // expect: no-buffer-slice
}

function zeros() {
  var z = new Buffer(32);
  z.fill(0);
  return z.slice(4); // expect: no-buffer-slice
}

module.exports = { pad: pad, zeros: zeros };
