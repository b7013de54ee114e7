import { parentPort } from 'node:worker_threads';

const signatures = new Map<number, Uint8Array>();

parentPort?.on('message', (msg: { id: number; bytes: Uint8Array }) => {
  const sig = msg.bytes.subarray(msg.bytes.length - 64); // expect: no-retained-view
  signatures.set(msg.id, sig);
});
