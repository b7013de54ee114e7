export function head(bytes: Buffer | Uint8Array): Uint8Array {
  return bytes.slice(0, 4);
}
