import { parentPort, Worker } from 'node:worker_threads';

interface Ingest {
  key: string;
  body: Uint8Array;
}

const SHARDS = 6;
const shards: Worker[] = [];
for (let i = 0; i < SHARDS; i++) shards.push(new Worker(new URL('./shard.js', import.meta.url)));

function crc(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = (c >>> 8) ^ ((c ^ text.charCodeAt(i)) & 0xff);
  return (c ^ 0xffffffff) >>> 0;
}

parentPort?.on('message', (item: Ingest) => {
  const slot = crc(item.key) % shards.length;
  shards[slot].postMessage(item); // expect: no-middleman-forwarding
});
