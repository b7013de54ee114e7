const net = require('net');

class SessionRegistry {
  constructor() {
    this.sessionIds = [];
  }

  listen(port) {
    net.createServer((sock) => {
      sock.setEncoding('utf8');
      sock.on('data', (text) => {
        if (text.startsWith('SID ')) this.sessionIds.push(text.substring(4, 40)); // expect: no-retained-substring
      });
    }).listen(port);
  }
}

module.exports = SessionRegistry;
