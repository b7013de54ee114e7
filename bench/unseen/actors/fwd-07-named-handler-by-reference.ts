import { parentPort, Worker } from 'node:worker_threads';

const pool: Worker[] = [];
let next = 0;

function pick(): number {
  next = (next + 1) % pool.length;
  return next;
}

function onJob(job: { id: number; image: Uint8Array }): void {
  pool[pick()].postMessage(job); // expect: no-middleman-forwarding
}

parentPort?.on('message', onJob);
