const csrfByOrigin = new Map<string, string>();

export async function primeCsrf(origin: string): Promise<void> {
  const html = await (await fetch(origin + '/login')).text();
  const match = html.match(/name="csrf" value="([^"]+)"/);
  if (match) csrfByOrigin.set(origin, match[1]); // expect: no-retained-substring
}
