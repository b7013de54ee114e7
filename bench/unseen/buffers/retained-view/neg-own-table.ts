import * as net from 'node:net';

const palette = new Uint8Array(768);

export class Painter {
  private current: Uint8Array = palette.subarray(0, 3);

  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const index = chunk.readUInt8(0);
      this.current = palette.subarray(index * 3, index * 3 + 3);
    });
  }
}
