export function checksumBlock(size: number): Uint8Array {
  const block = new Uint8Array(size);
  for (let i = 0; i < size; i++) block[i] = i & 0xff;
  return block.slice(0, 16);
}
