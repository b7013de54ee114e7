import { Worker } from 'node:worker_threads';

const w = new Worker('./w.js');

export function send(frame: Buffer): void {
  w.postMessage(Uint8Array.prototype.slice.call(frame, 4));
}
