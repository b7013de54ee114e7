import * as net from 'node:net';

export class FrameClient {
  private readonly bodies: Buffer[] = [];
  private readonly socket: net.Socket;

  constructor(host: string, port: number) {
    this.socket = net.connect(port, host);
    this.socket.on('data', (chunk) => {
      const size = chunk.readUInt16BE(0);
      this.bodies.push(chunk.subarray(2, 2 + size)); // expect: no-retained-view
    });
  }

  drain(): Buffer[] {
    return this.bodies.splice(0);
  }
}
