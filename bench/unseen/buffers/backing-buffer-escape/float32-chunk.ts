import * as net from 'node:net';

export function samples(socket: net.Socket, onFrame: (f: Float32Array) => void): void {
  socket.on('data', (chunk) => {
    onFrame(new Float32Array(chunk.buffer)); // expect: no-backing-buffer-escape
  });
}
