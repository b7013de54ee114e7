const net = require('net');

class Handshake {
  constructor(port) {
    this.hello = null;
    const socket = net.connect(port);
    socket.on('data', (chunk) => {
      if (!this.hello) this.hello = chunk.slice(0, 12); // expect: no-retained-view, no-buffer-slice typed
    });
  }
}

module.exports = Handshake;
