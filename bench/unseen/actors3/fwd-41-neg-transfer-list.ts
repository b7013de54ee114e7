import { parentPort, Worker } from 'node:worker_threads';

const workers = [new Worker('./enc.js'), new Worker('./enc.js')];
let i = 0;

parentPort?.on('message', (msg: { id: number; pcm: ArrayBuffer }) => {
  workers[i++ % workers.length].postMessage(msg, [msg.pcm]);
});
