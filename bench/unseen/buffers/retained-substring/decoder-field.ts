import * as net from 'node:net';

export class StatusWatcher {
  private lastStatus = '';
  private readonly decoder = new TextDecoder();

  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const text = this.decoder.decode(chunk);
      if (text.startsWith('STATUS ')) this.lastStatus = text.slice(7); // expect: no-retained-substring
    });
  }
}
