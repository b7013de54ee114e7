import { parentPort, Worker } from 'node:worker_threads';

const imagePool: Worker[] = [];
const textPool: Worker[] = [];
let i = 0;
let t = 0;

parentPort?.on('message', (msg: { type: 'image' | 'text'; bytes: Uint8Array }) => {
  switch (msg.type) {
    case 'image':
      imagePool[i++ % imagePool.length].postMessage(msg); // expect: no-middleman-forwarding
      break;
    case 'text':
      textPool[t++ % textPool.length].postMessage(msg); // expect: no-middleman-forwarding
      break;
  }
});
