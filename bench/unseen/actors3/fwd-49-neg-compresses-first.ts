import { deflateSync } from 'node:zlib';
import { parentPort, Worker } from 'node:worker_threads';

const stores = [new Worker('./store.js'), new Worker('./store.js'), new Worker('./store.js')];
let k = 0;

parentPort?.on('message', (msg: { id: string; body: Buffer }) => {
  const packed = deflateSync(msg.body);
  stores[k++ % stores.length].postMessage({ id: msg.id, packed });
});
