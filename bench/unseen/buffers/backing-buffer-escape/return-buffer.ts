export function toArrayBuffer(b: Buffer): ArrayBufferLike {
  return b.buffer; // expect: no-backing-buffer-escape
}
