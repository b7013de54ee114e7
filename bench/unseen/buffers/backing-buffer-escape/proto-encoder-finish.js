function Encoder() {
  this.parts = [];
  this.out = null;
}

Encoder.prototype.add = function (s) {
  this.parts.push(Buffer.from(s));
};

Encoder.prototype.finish = function () {
  this.out = Buffer.concat(this.parts);
  return new Uint8Array(this.out.buffer); // expect: no-backing-buffer-escape
};

module.exports = Encoder;
