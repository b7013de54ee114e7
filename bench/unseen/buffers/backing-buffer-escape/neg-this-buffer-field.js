class Ring {
  constructor(size) {
    this.buffer = new ArrayBuffer(size);
    this.head = 0;
  }

  view() {
    return new Uint8Array(this.buffer);
  }
}

module.exports = Ring;
