import { parentPort, Worker } from 'node:worker_threads';

const logWriter = new Worker(new URL('./log-writer.js', import.meta.url));

parentPort.on('message', (entry) => {
  logWriter.postMessage(entry);
});
