// A package's own helpers in TypeScript module form, imported by path from test cases.

export function payloadOf(chunk: Buffer): Buffer {
  return chunk.subarray(8);
}

export const freshFrame = (size: number) => Buffer.alloc(size);

function bodyCopy(chunk: Uint8Array) {
  return new Uint8Array(chunk);
}
export { bodyCopy as copyBody };

export default function header(chunk: Buffer) {
  return chunk.subarray(0, 8);
}
