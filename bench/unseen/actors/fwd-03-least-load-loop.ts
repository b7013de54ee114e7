import { parentPort, Worker } from 'node:worker_threads';

interface Slot { worker: Worker; inflight: number }
const pool: Slot[] = [];

parentPort?.on('message', (task: { kind: string; body: ArrayBuffer }) => {
  let best = pool[0];
  for (const slot of pool) {
    if (slot.inflight < best.inflight) best = slot;
  }
  best.inflight++;
  best.worker.postMessage(task); // expect: no-middleman-forwarding
});
