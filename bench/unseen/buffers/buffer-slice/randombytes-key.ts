import { randomBytes } from 'node:crypto';

export function newKeyPair(): { enc: Buffer; mac: Buffer } {
  const material = randomBytes(64);
  return { enc: material.slice(0, 32), mac: material.slice(32) }; // expect: no-buffer-slice, no-buffer-slice
}
