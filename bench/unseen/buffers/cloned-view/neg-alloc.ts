import { parentPort } from 'node:worker_threads';

export function ack(id: number): void {
  const msg = Buffer.alloc(8);
  msg.writeUInt32BE(id, 0);
  parentPort?.postMessage(msg);
}
