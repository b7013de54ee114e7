import * as tls from 'node:tls';

export class Greeter {
  private banner?: Buffer;

  connect(host: string): void {
    const socket = tls.connect(443, host);
    socket.on('data', (chunk) => {
      const view = chunk.subarray(0, chunk.indexOf(13)); // expect: no-retained-view
      this.banner = view;
    });
  }
}
