import { Worker, parentPort } from 'node:worker_threads';

const pool: Worker[] = [];
for (let i = 0; i < 4; i++) pool.push(new Worker('./render.js'));

type Job = { target: number; scene: Uint8Array };

parentPort?.on('message', (job: Job) => {
  const worker = pool.find((w) => w.threadId === job.target);
  worker?.postMessage(job); // expect: no-middleman-forwarding
});
