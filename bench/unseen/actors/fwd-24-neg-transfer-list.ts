import { parentPort, Worker } from 'node:worker_threads';

const workers: Worker[] = [];

// Ownership moves with the transfer list: nothing is copied.
parentPort?.on('message', (msg: { shard: number; frame: ArrayBuffer }) => {
  workers[msg.shard % workers.length].postMessage(msg.frame, [msg.frame]);
});
