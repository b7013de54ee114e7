import { Worker, type MessagePort } from 'node:worker_threads';

const workers = [new Worker('./s.js'), new Worker('./s.js')];

// One message per port, at start-up: not a long-lived handler.
export function handshake(port: MessagePort, slot: number): void {
  port.once('message', (hello: { token: string; cert: Uint8Array }) => {
    workers[slot % workers.length].postMessage(hello);
  });
}
