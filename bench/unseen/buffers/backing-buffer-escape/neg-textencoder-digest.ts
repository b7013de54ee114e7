export async function digest(text: string): Promise<ArrayBuffer> {
  const bytes = new TextEncoder().encode(text);
  return crypto.subtle.digest('SHA-256', bytes.buffer);
}
