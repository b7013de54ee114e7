import * as net from 'node:net';

export class Store {
  private readonly keys: Buffer[] = [];

  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.keys.push(Uint8Array.prototype.slice.call(chunk, 0, 20) as Buffer);
    });
  }
}
