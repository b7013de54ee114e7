export async function upload(url: string, doc: object): Promise<Response> {
  const payload = Buffer.from(JSON.stringify(doc));
  return fetch(url, { method: 'POST', body: payload.buffer }); // expect: no-backing-buffer-escape
}
