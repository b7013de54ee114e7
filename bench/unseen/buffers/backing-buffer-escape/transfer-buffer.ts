import { parentPort } from 'node:worker_threads';

export function reply(text: string): void {
  const msg = Buffer.from(text);
  parentPort?.postMessage(msg, [msg.buffer]); // expect: no-backing-buffer-escape
}
