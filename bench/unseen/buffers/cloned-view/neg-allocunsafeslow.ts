import { Worker } from 'node:worker_threads';

const w = new Worker('./w.js');

export function sendCopy(src: Buffer, start: number, end: number): void {
  const out = Buffer.allocUnsafeSlow(end - start);
  src.copy(out, 0, start, end);
  w.postMessage(out);
}
