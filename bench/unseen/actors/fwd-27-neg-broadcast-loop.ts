import { parentPort, Worker } from 'node:worker_threads';

const workers: Worker[] = [];

// A broadcast: every worker gets it, the router picks no destination.
parentPort?.on('message', (config: { version: number; table: Uint8Array }) => {
  for (const w of workers) w.postMessage(config);
});
