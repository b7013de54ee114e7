export function hash(bytes: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', bytes.buffer); // expect: no-backing-buffer-escape typed
}
