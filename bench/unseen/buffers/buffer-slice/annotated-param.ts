export function readVarintPrefix(frame: Buffer): Buffer {
  let i = 0;
  while (frame[i] & 0x80) i++;
  return frame.slice(i + 1); // expect: no-buffer-slice
}
