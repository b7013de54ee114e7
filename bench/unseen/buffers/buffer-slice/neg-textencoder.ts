const encoder = new TextEncoder();

export function prefix(s: string): Uint8Array {
  const bytes = encoder.encode(s);
  return bytes.slice(0, 4);
}
