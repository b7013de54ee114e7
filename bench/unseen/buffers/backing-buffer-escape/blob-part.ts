import { readFileSync } from 'node:fs';

export function asBlob(file: string): Blob {
  const bytes = readFileSync(file);
  return new Blob([bytes.buffer], { type: 'application/octet-stream' }); // expect: no-backing-buffer-escape
}
