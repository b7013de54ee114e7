import * as net from 'node:net';

export class LengthPrefixed {
  private pending: Buffer = Buffer.alloc(0);
  readonly messages: Buffer[] = [];

  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => this.onChunk(chunk));
  }

  private onChunk(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const len = this.pending.readUInt32BE(0);
      if (this.pending.length < 4 + len) break;
      this.messages.push(this.pending.subarray(4, 4 + len)); // expect: no-retained-view
      this.pending = this.pending.subarray(4 + len);
    }
  }
}
