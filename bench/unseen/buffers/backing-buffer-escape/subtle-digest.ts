export async function etag(body: string): Promise<ArrayBuffer> {
  const bytes = Buffer.from(body, 'utf8');
  return crypto.subtle.digest('SHA-1', bytes.buffer); // expect: no-backing-buffer-escape
}
