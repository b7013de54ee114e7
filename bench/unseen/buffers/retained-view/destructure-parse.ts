import * as net from 'node:net';

function parseFrame(frame: Buffer) {
  return { kind: frame.readUInt8(0), body: frame.subarray(1) }; // expect: no-retained-view
}

export class Inbox {
  private readonly bodies: Buffer[] = [];

  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const { body } = parseFrame(chunk);
      this.bodies.push(body);
    });
  }
}
