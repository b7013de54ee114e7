import { randomBytes } from 'node:crypto';

export function nonce(): ArrayBuffer {
  const n = randomBytes(24);
  return new Uint8Array(n.buffer).slice().buffer;
}
