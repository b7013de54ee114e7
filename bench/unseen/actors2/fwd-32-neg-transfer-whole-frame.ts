import { Worker, parentPort } from 'node:worker_threads';

const encoders = [new Worker('./enc.js'), new Worker('./enc.js'), new Worker('./enc.js')];
let turn = 0;

// Ownership of the frame's buffer moves to the encoder: nothing is copied and the router keeps nothing.
parentPort?.on('message', (msg: { seq: number; frame: ArrayBuffer }) => {
  encoders[turn++ % encoders.length].postMessage(msg, [msg.frame]);
});
