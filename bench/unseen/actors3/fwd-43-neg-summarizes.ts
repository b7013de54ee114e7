import { Worker, parentPort } from 'node:worker_threads';

const sinks = [new Worker('./sink.js'), new Worker('./sink.js')];

parentPort?.on('message', (batch: { region: number; samples: number[] }) => {
  let total = 0;
  for (const s of batch.samples) total += s;
  const mean = batch.samples.length ? total / batch.samples.length : 0;
  sinks[batch.region % sinks.length].postMessage({ region: batch.region, mean, count: batch.samples.length });
});
