import { parentPort, Worker } from 'node:worker_threads';

const shards: Worker[] = [];

// Only a scalar id goes on; the payload stays where it was.
parentPort?.on('message', (msg: { id: number; blob: Uint8Array }) => {
  shards[msg.id % shards.length].postMessage(msg.id);
});
