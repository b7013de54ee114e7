import { parentPort, Worker } from 'node:worker_threads';

const workers: Worker[] = [];
let next = 0;

// Reads the payload (parses and validates it) before passing it on: not a middleman.
parentPort?.on('message', (msg: { key: string; body: string }) => {
  const order = JSON.parse(msg.body) as { total: number };
  if (order.total <= 0) return;
  workers[next++ % workers.length].postMessage(msg);
});
