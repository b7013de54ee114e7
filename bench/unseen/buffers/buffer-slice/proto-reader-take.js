function Reader() {
  this._buffer = Buffer.alloc(0);
}

Reader.prototype.push = function (chunk) {
  this._buffer = Buffer.concat([this._buffer, chunk]);
};

Reader.prototype.take = function (n) {
  var out = this._buffer.slice(0, n); // expect: no-buffer-slice
  this._buffer = this._buffer.slice(n); // expect: no-buffer-slice
  return out;
};

module.exports = Reader;
