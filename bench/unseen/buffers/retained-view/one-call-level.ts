import * as net from 'node:net';

export class Journal {
  private entries: Buffer[] = [];

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => this.record(chunk));
  }

  private record(buf: Buffer): void {
    this.entries.push(buf.subarray(0, 32)); // expect: no-retained-view
  }
}
