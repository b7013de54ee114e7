import { Worker } from 'node:worker_threads';

const pool = [new Worker('./p.js'), new Worker('./p.js')];
const boot = new Worker('./boot.js');

boot.once('message', (hello: { slot: number; info: string }) => {
  pool[hello.slot % pool.length].postMessage(hello);
});
