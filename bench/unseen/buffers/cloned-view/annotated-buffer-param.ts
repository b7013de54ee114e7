import { Worker } from 'node:worker_threads';

export function submit(worker: Worker, payload: Buffer): void {
  worker.postMessage({ type: 'job', payload }); // expect: no-cloned-view
}
