import { parentPort, Worker } from 'node:worker_threads';

const shards: Worker[] = [];

parentPort?.on('message', (msg: { key: string; payload: Uint8Array }) => {
  const { key, payload } = msg;
  shards[Number(key) % shards.length].postMessage(payload); // expect: no-middleman-forwarding
});
