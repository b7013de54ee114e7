import { MessageChannel, Worker } from 'node:worker_threads';

const workers = [new Worker('./w.js'), new Worker('./w.js'), new Worker('./w.js')];
const loads = workers.map(() => 0);
const { port1: intake, port2 } = new MessageChannel();

export const intakePort = port2;

intake.on('message', (task: { size: number; bytes: Uint8Array }) => {
  const i = loads.indexOf(Math.min(...loads));
  loads[i] += 1;
  workers[i].postMessage(task); // expect: no-middleman-forwarding
});
