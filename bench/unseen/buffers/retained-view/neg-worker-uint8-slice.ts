import { parentPort } from 'node:worker_threads';

const heads = new Map<string, Uint8Array>();

parentPort?.on('message', (job: { key: string; blob: Uint8Array }) => {
  // A structured-cloned Uint8Array arrives as a plain Uint8Array: its slice is a copy.
  heads.set(job.key, job.blob.slice(0, 32));
});
