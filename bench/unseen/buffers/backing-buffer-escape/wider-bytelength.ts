export function words(x: Buffer): Uint32Array {
  return new Uint32Array(x.buffer, x.byteOffset, x.byteLength); // expect: no-backing-buffer-escape
}
