import { parentPort, Worker } from 'node:worker_threads';

const workers: Worker[] = [];
for (let i = 0; i < 4; i++) workers.push(new Worker(new URL('./encoder.js', import.meta.url)));
let cursor = 0;

parentPort?.on('message', (job: { id: string; frame: Uint8Array }) => {
  workers[cursor++ % workers.length].postMessage(job); // expect: no-middleman-forwarding
});
