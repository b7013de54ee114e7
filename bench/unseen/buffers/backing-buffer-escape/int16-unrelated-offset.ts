import * as net from 'node:net';

export function pcm(socket: net.Socket, play: (s: Int16Array) => void): void {
  socket.on('data', (chunk) => {
    play(new Int16Array(chunk.buffer, 2, (chunk.length - 2) >> 1)); // expect: no-backing-buffer-escape
  });
}
