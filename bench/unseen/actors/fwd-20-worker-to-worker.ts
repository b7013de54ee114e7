import { Worker } from 'node:worker_threads';

const byId = new Map<string, Worker>();
const all: Worker[] = [];

for (const w of all) {
  w.on('message', (m: { to: string; chunk: Uint8Array }) => {
    byId.get(m.to)?.postMessage(m); // expect: no-middleman-forwarding
  });
}
