import { Worker, parentPort } from 'node:worker_threads';

const workers = [new Worker('./w.js'), new Worker('./w.js'), new Worker('./w.js')];

// Every worker gets the new settings: no destination is chosen.
parentPort?.on('message', (settings: { level: string; flags: string[] }) => {
  for (const w of workers) w.postMessage(settings);
});
