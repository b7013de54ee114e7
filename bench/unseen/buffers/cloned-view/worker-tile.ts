import { Worker } from 'node:worker_threads';

const encoder = new Worker(new URL('./encode-worker.js', import.meta.url));

export function encodeRow(image: Buffer, row: number, width: number): void {
  encoder.postMessage({ row, pixels: image.subarray(row * width * 4, (row + 1) * width * 4) }); // expect: no-cloned-view
}
