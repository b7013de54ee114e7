import { parentPort, type MessagePort } from 'node:worker_threads';

type Job = { id: number; values: Float64Array; reply: MessagePort };

parentPort?.on('message', (job: Job) => {
  let max = -Infinity;
  for (const v of job.values) if (v > max) max = v;
  job.reply.postMessage({ id: job.id, max });
});
