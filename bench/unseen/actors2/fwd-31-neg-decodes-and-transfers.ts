import { Worker, parentPort } from 'node:worker_threads';

declare function decodePng(bytes: Uint8Array): { width: number; height: number; pixels: Uint8ClampedArray };

const pool = [new Worker('./blur.js'), new Worker('./blur.js')];
let rr = 0;

parentPort?.on('message', (job: { id: number; bytes: Uint8Array }) => {
  const img = decodePng(job.bytes);
  pool[rr++ % pool.length].postMessage({ id: job.id, img }, [img.pixels.buffer]);
});
