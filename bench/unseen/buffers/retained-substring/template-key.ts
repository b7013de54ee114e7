import { parentPort } from 'node:worker_threads';

const seen: string[] = [];

parentPort?.on('message', (line: string) => {
  seen.push(`user:${line.substring(0, 40)}`); // expect: no-retained-substring
});
