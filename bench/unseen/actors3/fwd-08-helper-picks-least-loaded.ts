import { Worker } from 'node:worker_threads';

type Task = { id: number; input: Float64Array };

const pool: { worker: Worker; pending: number }[] = [];
for (let i = 0; i < 4; i++) pool.push({ worker: new Worker('./solver.js'), pending: 0 });

const feeder = new Worker('./feeder.js');

function leastLoaded() {
  let best = pool[0];
  for (const entry of pool) if (entry.pending < best.pending) best = entry;
  return best;
}

function route(task: Task): void {
  const entry = leastLoaded();
  entry.pending++;
  entry.worker.postMessage(task); // expect: no-middleman-forwarding #r
}

feeder.on('message', (task: Task) => route(task)); // expect: no-middleman-forwarding #r
