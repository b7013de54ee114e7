const WebSocket = require('ws');

class Recorder {
  constructor(url) {
    this.frames = [];
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.on('message', (data) => {
      this.frames.push(data.slice(0, 64));
    });
  }
}

module.exports = Recorder;
