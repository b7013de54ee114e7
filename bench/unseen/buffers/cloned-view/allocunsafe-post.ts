import { parentPort } from 'node:worker_threads';

export function sendHeader(kind: number): void {
  const header = Buffer.allocUnsafe(16);
  header.fill(0);
  header.writeUInt8(kind, 0);
  parentPort?.postMessage(header); // expect: no-cloned-view
}
