export function firstByte(b: Buffer | undefined): Buffer | undefined {
  return b?.slice(0, 1); // expect: no-buffer-slice
}
