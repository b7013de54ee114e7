import { Worker, parentPort } from 'node:worker_threads';

interface Envelope {
  tenant: string;
  kind: 'write' | 'flush';
  rows: ArrayBuffer;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const shards = Array.from({ length: 8 }, (_, i) => new Worker('./shard.js', { workerData: { shard: i } }));

parentPort!.on('message', (env: Envelope) => {
  const shard = shards[fnv1a(env.tenant) % shards.length];
  shard.postMessage(env); // expect: no-middleman-forwarding
});
