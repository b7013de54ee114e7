import * as net from 'node:net';

export class Telemetry {
  private readonly samples: DataView[] = [];

  attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.samples.push(new DataView(chunk.buffer, chunk.byteOffset + 4, 12)); // expect: no-retained-view
    });
  }

  latest(): DataView | undefined {
    return this.samples[this.samples.length - 1];
  }
}
