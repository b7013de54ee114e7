import { readFile } from 'node:fs/promises';

export async function readHeader(file: string): Promise<string> {
  const data = await readFile(file);
  return data.slice(0, 4).toString('hex'); // expect: no-buffer-slice
}
