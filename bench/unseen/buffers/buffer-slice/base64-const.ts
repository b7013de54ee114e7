export function decodeToken(token: string): { version: number; body: Buffer } {
  const raw = Buffer.from(token, 'base64url');
  return { version: raw[0], body: raw.slice(1) }; // expect: no-buffer-slice
}
