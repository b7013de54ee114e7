interface Packet {
  buffer: ArrayBuffer;
  seq: number;
}

export function bytesOf(p: Packet): Uint8Array {
  return new Uint8Array(p.buffer);
}
