import * as net from 'node:net';

export class Tail {
  private rest = '';
  lines = 0;

  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const all = this.rest + chunk;
      this.lines += all.split('\n').length - 1;
      this.rest = all.slice(all.lastIndexOf('\n') + 1);
    });
  }
}
