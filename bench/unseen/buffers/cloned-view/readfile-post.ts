import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const hasher = new Worker('./hash.js');

export function hashFile(file: string): void {
  hasher.postMessage(readFileSync(file)); // expect: no-cloned-view typed
}
