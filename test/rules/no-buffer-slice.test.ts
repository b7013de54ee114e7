import rule from '../../rules/no-buffer-slice';
import { runRuleTests } from '../helpers/rule-tester';

// `both` runs untyped and typed. Types find Buffers that the code alone cannot show ('data' chunks,
// fields of interfaces, subclasses); without them the rule reports only where the code makes the Buffer.
runRuleTests(
  'no-buffer-slice',
  rule,
  // both
  {
    valid: [
    `export function firstThree(items: string[]) {
  return items.slice(0, 3);
}
`,
    `export function shortName(name: string) {
  return name.slice(0, 8);
}
`,
    `export function trailer(size: number) {
  const samples = new Uint8Array(size);
  return samples.slice(size - 4);
}
`,
    `export function header(packet: Buffer) {
  return packet.subarray(0, 4);
}
`,
    `import { readFileSync } from 'node:fs';
export const banner = readFileSync('./banner.txt', 'utf8').slice(0, 80);
`,
    `import { readFileSync } from 'node:fs';
export const config = readFileSync('./config.json', { encoding: 'utf8' }).slice(1);
`,
    `function readFileSync(path: string) {
  return [path, path];
}
export const parts = readFileSync('x').slice(1);
`,
    `import { randomBytes } from 'node:crypto';
randomBytes(16, (err, buf) => {
  if (!err) console.log(buf.length);
});
export const ids = ['a', 'b'].slice(1);
`,
    `export function copyOf(packet: Buffer) {
  return Uint8Array.prototype.slice.call(packet, 0, 4);
}
`,
    `export function head(blobPart: string) {
  return new Blob([blobPart]).slice(0, 10);
}
`,
    `export function backing(view: Uint8Array) {
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
}
`,
    `function checksum(bytes: Uint8Array) {
  const body = bytes.slice(4);
  return body.length;
}
export const sum = checksum(Buffer.from('hello world'));
`,
    {
      code: `function checksum(bytes: Uint8Array) {
  const body = bytes.slice(4);
  return body.length;
}
export const sum = checksum(new Uint8Array(16));
`,
      options: [{"checkUint8ArrayBoundary":true}],
    },
    `export function either(frame: Buffer | Uint8Array) {
  return frame.slice(2);
}
`,
    `export function lines(data: any) {
  return data.slice(1);
}
`,
    `import { Buffer } from './vendored-buffer';
export const head = Buffer.from('abc').slice(1);
`,
    ],
    invalid: [
    {
      code: `export function encodeFrame(payload: string) {
  const frame = Buffer.from(payload);
  return frame.slice(0, 4);
}
`,
      output: `export function encodeFrame(payload: string) {
  const frame = Buffer.from(payload);
  return frame.subarray(0, 4);
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"frame.slice(0, 4)","receiver":"frame","evidence":"made by `Buffer.from()`"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 27,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { readFileSync } from 'node:fs';
const raw = readFileSync('./packets.bin');
const header = raw.slice(0, 16);
console.log(header.toString('hex'));
`,
      output: `import { readFileSync } from 'node:fs';
const raw = readFileSync('./packets.bin');
const header = raw.subarray(0, 16);
console.log(header.toString('hex'));
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"raw.slice(0, 16)","receiver":"raw","evidence":"returned by `readFileSync()`"},
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 32,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function lengthPrefixed(size: number) {
  const packet = Buffer.alloc(size + 4);
  packet.writeUInt32BE(size, 0);
  console.log(packet.slice(/* skip the length */ 4));
}
`,
      output: `export function lengthPrefixed(size: number) {
  const packet = Buffer.alloc(size + 4);
  packet.writeUInt32BE(size, 0);
  console.log(packet.subarray(/* skip the length */ 4));
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"packet.slice(/* skip the length */ 4)","receiver":"packet","evidence":"made by `Buffer.alloc()`"},
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 52,
          suggestions: [],
        },
      ],
    },
    {
      code: `import * as net from 'node:net';
export function greet(socket: net.Socket, name: string) {
  socket.write((Buffer.concat([Buffer.from('hi '), Buffer.from(name)])).slice(0, 64));
}
`,
      output: `import * as net from 'node:net';
export function greet(socket: net.Socket, name: string) {
  socket.write((Buffer.concat([Buffer.from('hi '), Buffer.from(name)])).subarray(0, 64));
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"(Buffer.concat([Buffer.from('hi '), B...","receiver":"Buffer.concat([Buffer.from('hi '), Bu...","evidence":"made by `Buffer.concat()`"},
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 85,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function tag(name: string) {
  const bytes = Buffer.from(name, 'utf8');
  return bytes['slice'](0, 2).toString('hex');
}
`,
      output: `export function tag(name: string) {
  const bytes = Buffer.from(name, 'utf8');
  return bytes['subarray'](0, 2).toString('hex');
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"bytes['slice'](0, 2)","receiver":"bytes","evidence":"made by `Buffer.from()`"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function peek(json: string) {
  const body = Buffer.from(json);
  return Buffer.prototype.slice.call(body, 0, 8).toString();
}
`,
      output: `export function peek(json: string) {
  const body = Buffer.from(json);
  return Buffer.prototype.subarray.call(body, 0, 8).toString();
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"Buffer.prototype.slice.call(body, 0, 8)","receiver":"body","evidence":"made by `Buffer.from()`"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 49,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function prefix(text: string) {
  const buf = Buffer.from(text) as Buffer;
  return buf.slice(1).length;
}
`,
      output: `export function prefix(text: string) {
  const buf = Buffer.from(text) as Buffer;
  return buf.subarray(1).length;
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"buf.slice(1)","receiver":"buf","evidence":"made by `Buffer.from()`"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 22,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function keyOf(secret: string) {
  const key = Buffer.from(secret, 'hex') satisfies Uint8Array;
  return key.slice(0, 16).toString('base64');
}
`,
      output: `export function keyOf(secret: string) {
  const key = Buffer.from(secret, 'hex') satisfies Uint8Array;
  return key.subarray(0, 16).toString('base64');
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"key.slice(0, 16)","receiver":"key","evidence":"made by `Buffer.from()`"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { randomBytes } from 'node:crypto';
export const sessionId = randomBytes(32).slice(0, 16).toString('hex');
`,
      output: `import { randomBytes } from 'node:crypto';
export const sessionId = randomBytes(32).subarray(0, 16).toString('hex');
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"randomBytes(32).slice(0, 16)","receiver":"randomBytes(32)","evidence":"returned by `randomBytes()`"},
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 54,
          suggestions: [],
        },
      ],
    },
    {
      code: `import * as zlib from 'node:zlib';
export function magic(input: Buffer) {
  const body = zlib.gunzipSync(input);
  return body.slice(0, 2).readUInt16BE(0);
}
`,
      output: `import * as zlib from 'node:zlib';
export function magic(input: Buffer) {
  const body = zlib.gunzipSync(input);
  return body.subarray(0, 2).readUInt16BE(0);
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"body.slice(0, 2)","receiver":"body","evidence":"returned by `gunzipSync()`"},
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { readFile } from 'node:fs/promises';
export async function fileMagic(path: string) {
  const data = await readFile(path);
  return data.slice(0, 4).toString('hex');
}
`,
      output: `import { readFile } from 'node:fs/promises';
export async function fileMagic(path: string) {
  const data = await readFile(path);
  return data.subarray(0, 4).toString('hex');
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"data.slice(0, 4)","receiver":"data","evidence":"returned by `readFile()`"},
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      code: `export class FrameReader {
  read(frame: Buffer) {
    const head = frame.slice(0, 4);
    return head.readUInt32BE(0);
  }
}
`,
      output: `export class FrameReader {
  read(frame: Buffer) {
    const head = frame.subarray(0, 4);
    return head.readUInt32BE(0);
  }
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"frame.slice(0, 4)","receiver":"frame","evidence":"annotated `Buffer`"},
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 35,
          suggestions: [],
        },
      ],
    },
    {
      code: `const fs = require('fs');
export function loadIndex(file: string) {
  const index = fs.readFileSync(file);
  return index.slice(8).toString('utf8');
}
`,
      output: `const fs = require('fs');
export function loadIndex(file: string) {
  const index = fs.readFileSync(file);
  return index.subarray(8).toString('utf8');
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"index.slice(8)","receiver":"index","evidence":"returned by `readFileSync()`"},
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 24,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function decodeTitle(raw: string) {
  const buf = Buffer.from(raw, 'base64');
  return buf.slice(0, 'ab').toString();
}
`,
      output: `export function decodeTitle(raw: string) {
  const buf = Buffer.from(raw, 'base64');
  return buf.subarray(0, 'ab').toString();
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"buf.slice(0, 'ab')","receiver":"buf","evidence":"made by `Buffer.from()`"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
    {
      code: `import * as net from 'node:net';
export function replyOk(socket: net.Socket) {
  let cached: Buffer | undefined = Buffer.from('+OK\\r\\n');
  socket.write(cached?.slice(0, 3) ?? '');
}
`,
      output: `import * as net from 'node:net';
export function replyOk(socket: net.Socket) {
  let cached: Buffer | undefined = Buffer.from('+OK\\r\\n');
  socket.write(cached?.subarray(0, 3) ?? '');
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"cached?.slice(0, 3)","receiver":"cached","evidence":"annotated `Buffer`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 35,
          suggestions: [],
        },
      ],
    },
    {
      code: `function checksum(bytes: Uint8Array) {
  const body = bytes.slice(4);
  return body.reduce((sum, byte) => sum + byte, 0);
}
export const sum = checksum(Buffer.from('hello world'));
`,
      options: [{"checkUint8ArrayBoundary":true}],
      output: null,
      errors: [
        {
          messageId: 'typedArraySliceOnBuffer',
          data: {"call":"bytes.slice(4)","receiver":"bytes","caller":"checksum(Buffer.from('hello world'))"},
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 30,
          suggestions: [
            { messageId: 'copyExactly', output: `function checksum(bytes: Uint8Array) {
  const body = Uint8Array.prototype.slice.call(bytes, 4);
  return body.reduce((sum, byte) => sum + byte, 0);
}
export const sum = checksum(Buffer.from('hello world'));
` },
            { messageId: 'useSubarray', output: `function checksum(bytes: Uint8Array) {
  const body = bytes.subarray(4);
  return body.reduce((sum, byte) => sum + byte, 0);
}
export const sum = checksum(Buffer.from('hello world'));
` },
          ],
        },
      ],
    },
    {
      code: `export function asBlob(frame: Buffer) {
  return new Blob([frame.slice(4)]);
}
`,
      output: null,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"frame.slice(4)","receiver":"frame","evidence":"annotated `Buffer`"},
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 34,
          suggestions: [
            { messageId: 'useSubarray', output: `export function asBlob(frame: Buffer) {
  return new Blob([frame.subarray(4)]);
}
` },
          ],
        },
      ],
    },
    ],
  },
  // typedOnly
  {
    valid: [
    ],
    invalid: [
    {
      code: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    console.log(chunk.slice(0, 4).toString('hex'));
  });
});
`,
      output: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    console.log(chunk.subarray(0, 4).toString('hex'));
  });
});
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"chunk.slice(0, 4)","receiver":"chunk","evidence":"typed `Buffer`"},
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 34,
          suggestions: [],
        },
      ],
    },
    {
      code: `interface Message {
  id: number;
  body: Buffer;
}
export function bodyHead(msg: Message) {
  return msg.body.slice(0, 16).toString();
}
`,
      output: `interface Message {
  id: number;
  body: Buffer;
}
export function bodyHead(msg: Message) {
  return msg.body.subarray(0, 16).toString();
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"msg.body.slice(0, 16)","receiver":"msg.body","evidence":"typed `Buffer`"},
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      code: `class Packet extends Buffer {}
export function payload(packet: Packet) {
  packet.slice(8).copy(Buffer.alloc(4));
}
`,
      output: `class Packet extends Buffer {}
export function payload(packet: Packet) {
  packet.subarray(8).copy(Buffer.alloc(4));
}
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"packet.slice(8)","receiver":"packet","evidence":"typed `Buffer`"},
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    ],
  },
  // untypedOnly
  {
    valid: [
    `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    console.log(chunk.slice(0, 4).toString('hex'));
  });
});
`,
    ],
    invalid: [
    ],
  },
);
