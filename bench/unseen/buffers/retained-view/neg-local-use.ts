import * as net from 'node:net';

export class Counter {
  total = 0;

  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const header = chunk.subarray(0, 4);
      this.total += header.readUInt32LE(0);
    });
  }
}
