import { createReadStream } from 'node:fs';

const magicByFile: Array<{ file: string; magic: Buffer }> = [];

export async function scan(file: string): Promise<void> {
  for await (const chunk of createReadStream(file)) {
    magicByFile.push({ file, magic: chunk.subarray(0, 16) }); // expect: no-retained-view
    break;
  }
}
