import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';

const slots = Array.from({ length: 4 }, () => ({ worker: new Worker('./thumb.js'), pending: 0 }));

function leastBusy() {
  let best = slots[0];
  for (const slot of slots) if (slot.pending < best.pending) best = slot;
  return best;
}

export const inbox = new EventEmitter();

inbox.on('task', (task: { id: number; image: Uint8Array }) => {
  const slot = leastBusy();
  slot.pending++;
  slot.worker.postMessage(task); // expect: no-middleman-forwarding
});
