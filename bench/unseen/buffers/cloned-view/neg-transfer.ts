import { MessageChannel } from 'node:worker_threads';

const { port1 } = new MessageChannel();

export function move(view: Uint8Array): void {
  port1.postMessage(view, [view.buffer]);
}
