import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => console.log(m.length));

export function forward(frame: Buffer): void {
  const body = frame.subarray(8);
  port1.postMessage(body); // expect: no-cloned-view
}
