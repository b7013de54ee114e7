const net = require('net');

class Sniffer {
  constructor(port) {
    this.prefixes = [];
    net.connect(port).on('data', (chunk) => {
      this.prefixes.push(chunk.slice(0, 20)); // expect: no-retained-view, no-buffer-slice typed
    });
  }
}

module.exports = Sniffer;
