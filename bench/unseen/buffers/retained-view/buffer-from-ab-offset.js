const net = require('net');

class TokenCache {
  constructor() {
    this.tokens = new Set();
  }

  listen(port) {
    net.createServer((socket) => {
      socket.on('data', (chunk) => {
        const token = Buffer.from(chunk.buffer, chunk.byteOffset + 2, 16); // expect: no-retained-view
        this.tokens.add(token);
      });
    }).listen(port);
  }
}

module.exports = TokenCache;
