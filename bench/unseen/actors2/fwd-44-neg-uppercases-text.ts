import { Worker, parentPort } from 'node:worker_threads';

const shards = [new Worker('./idx.js'), new Worker('./idx.js'), new Worker('./idx.js')];

parentPort?.on('message', (msg: { key: number; text: string }) => {
  const normalized = msg.text.normalize('NFKC').toLowerCase();
  shards[msg.key % shards.length].postMessage({ key: msg.key, text: normalized });
});
