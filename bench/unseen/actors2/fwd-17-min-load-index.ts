import { Worker } from 'node:worker_threads';
import { EventEmitter } from 'node:events';

const workers = [new Worker('./w.js'), new Worker('./w.js'), new Worker('./w.js'), new Worker('./w.js')];
const loads = workers.map(() => 0);

export const queue = new EventEmitter();

queue.on('job', (job: { id: string; payload: Buffer }) => {
  let min = 0;
  for (let i = 1; i < loads.length; i++) if (loads[i] < loads[min]) min = i;
  loads[min]++;
  workers[min].postMessage(job); // expect: no-middleman-forwarding
});
