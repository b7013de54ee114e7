import { Worker, parentPort } from 'node:worker_threads';

const imagePool = [new Worker('./img.js'), new Worker('./img.js')];
const videoPool = [new Worker('./vid.js'), new Worker('./vid.js'), new Worker('./vid.js')];
let img = 0;
let vid = 0;

type Media = { type: 'image' | 'video'; name: string; data: Uint8Array };

parentPort?.on('message', (m: Media) => {
  switch (m.type) {
    case 'image':
      imagePool[img++ % imagePool.length].postMessage(m); // expect: no-middleman-forwarding
      break;
    case 'video':
      videoPool[vid++ % videoPool.length].postMessage(m); // expect: no-middleman-forwarding
      break;
  }
});
