import * as net from 'node:net';

export function logHeads(socket: net.Socket): void {
  socket.on('data', (chunk) => {
    const head = chunk.slice(0, 4); // expect: no-buffer-slice typed
    console.log(head.toString('hex'));
  });
}
