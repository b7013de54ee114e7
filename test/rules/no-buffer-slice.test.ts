import rule from '../../rules/no-buffer-slice';
import { browserTypedTester, BROWSER_TYPED_FILENAME, runRuleTests, TYPED_FILENAME } from '../helpers/rule-tester';

// `both` runs untyped and typed. Types find Buffers that the code alone cannot show ('data' chunks,
// fields of interfaces, subclasses); without them the rule reports only where the code makes the Buffer.
runRuleTests(
  'no-buffer-slice',
  rule,
  // both
  {
    valid: [
    // A socket given an encoding emits strings (@types/node still types the chunk Buffer).
    `import * as net from 'node:net';
export class Chat {
  nicks: string[] = [];
  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      this.nicks.push(text.slice(5));
    });
  }
}
`,
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
    // A function of another file of the package that does not always return a Buffer (test/typed/pkg/bytes.js).
    {
      code: `import { maybeBytes } from './pkg/bytes.js';
export const kept = [maybeBytes(1).slice(0, 2)];
`,
      filename: TYPED_FILENAME,
    },
    ],
    invalid: [
    // A function of another file of the package that always returns a Buffer (test/typed/pkg/bytes.js).
    {
      code: `import { readAll } from './pkg/bytes.js';
export const kept: Uint8Array[] = [];
const all = readAll(64);
kept.push(all.slice(0, 8));
`,
      filename: TYPED_FILENAME,
      output: `import { readAll } from './pkg/bytes.js';
export const kept: Uint8Array[] = [];
const all = readAll(64);
kept.push(all.subarray(0, 8));
`,
      errors: [
        {
          messageId: 'bufferSlice',
          data: {"call":"all.slice(0, 8)","receiver":"all","evidence":"returned by `readAll()` (in `./pkg/bytes.js`)"},
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    // A socket's 'data' chunk is a Buffer by contract, without types too.
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
          data: {"call":"chunk.slice(0, 4)","receiver":"chunk","evidence":"received by the 'data' handler"},
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 34,
          suggestions: [],
        },
      ],
    },
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
    ],
    invalid: [
    ],
  },
);

// Shapes from real fix commits: pre-class "classes" whose fields hold Buffers, the deprecated Buffer
// constructor, and a module variable filled later.
describe('real shapes', () => {
  runRuleTests(
    'no-buffer-slice',
    rule,
    {
      valid: [
        // A prototype class's field that holds an array: Array#slice is a copy.
        `function Queue() {
  this._items = [];
}
Queue.prototype.head = function (n) {
  return this._items.slice(0, n);
};
module.exports = Queue;
`,
        // `equals` is no proof: value objects have it too.
        `function Path(parts) {
  this._parts = parts;
}
Path.prototype.same = function (other) {
  return this._parts.equals(other);
};
Path.prototype.parent = function () {
  return this._parts.slice(0, -1);
};
module.exports = Path;
`,
        // A field made by a library (a BufferList has Buffer's accessors and a copying slice, no subarray).
        `const bl = require('bl');
function Parser() {
  this._list = bl();
  this._pos = 0;
}
Parser.prototype.byte = function () {
  return this._list.readUInt8(this._pos++);
};
Parser.prototype.payload = function (end) {
  return this._list.slice(this._pos, end);
};
module.exports = Parser;
`,
        // One value of the field is a string: not every value is a Buffer.
        `function Cursor(text) {
  this._source = Buffer.from(text);
}
Cursor.prototype.reset = function () {
  this._source = 'empty';
};
Cursor.prototype.peek = function () {
  return this._source.slice(0, 4);
};
module.exports = Cursor;
`,
      ],
      invalid: [
        {
          // Fields grouped across the constructor and prototype methods: every value is a Buffer.
          code: `function Reader() {
  this._buffer = Buffer.alloc(0);
}
Reader.prototype.push = function (chunk) {
  this._buffer = Buffer.concat([this._buffer, chunk]);
};
Reader.prototype.take = function (n) {
  return this._buffer.slice(0, n);
};
module.exports = Reader;
`,
          output: `function Reader() {
  this._buffer = Buffer.alloc(0);
}
Reader.prototype.push = function (chunk) {
  this._buffer = Buffer.concat([this._buffer, chunk]);
};
Reader.prototype.take = function (n) {
  return this._buffer.subarray(0, n);
};
module.exports = Reader;
`,
          errors: [
            {
              messageId: 'bufferSlice',
              data: { call: 'this._buffer.slice(0, n)', receiver: 'this._buffer', evidence: 'made by `Buffer.concat()`' },
              line: 8,
              column: 10,
              endLine: 8,
              endColumn: 34,
              suggestions: [],
            },
          ],
        },
        {
          // node-amqp: the constructor exported on the way (`var C = module.exports = function C() {}`), its field
          // read through a local in a prototype method.
          code: `var Writer = module.exports = function Writer() {
  this._frame = new Buffer(4096);
};
Writer.prototype.header = function (n) {
  var b = this._frame;
  return b.slice(0, n);
};
`,
          output: `var Writer = module.exports = function Writer() {
  this._frame = new Buffer(4096);
};
Writer.prototype.header = function (n) {
  var b = this._frame;
  return b.subarray(0, n);
};
`,
          errors: [
            {
              messageId: 'bufferSlice',
              data: { call: 'b.slice(0, n)', receiver: 'b', evidence: 'made by the deprecated `new Buffer()`' },
              line: 6,
              column: 10,
              endLine: 6,
              endColumn: 23,
              suggestions: [],
            },
          ],
        },
        {
          // A field trimmed with a cut of itself (`this._buffer = this._buffer.slice(n)`) holds a Buffer
          // when its other values are Buffers.
          code: `function Reader() {
  this._buffer = Buffer.alloc(0);
}
Reader.prototype.push = function (chunk) {
  this._buffer = Buffer.concat([this._buffer, chunk]);
};
Reader.prototype.take = function (n) {
  var out = this._buffer.slice(0, n);
  this._buffer = this._buffer.slice(n);
  return out;
};
module.exports = Reader;
`,
          output: `function Reader() {
  this._buffer = Buffer.alloc(0);
}
Reader.prototype.push = function (chunk) {
  this._buffer = Buffer.concat([this._buffer, chunk]);
};
Reader.prototype.take = function (n) {
  var out = this._buffer.subarray(0, n);
  this._buffer = this._buffer.subarray(n);
  return out;
};
module.exports = Reader;
`,
          errors: [
            {
              messageId: 'bufferSlice',
              data: { call: 'this._buffer.slice(0, n)', receiver: 'this._buffer', evidence: 'made by `Buffer.concat()`' },
              line: 8,
              column: 13,
              endLine: 8,
              endColumn: 37,
              suggestions: [],
            },
            {
              messageId: 'bufferSlice',
              data: { call: 'this._buffer.slice(n)', receiver: 'this._buffer', evidence: 'made by `Buffer.concat()`' },
              line: 9,
              column: 18,
              endLine: 9,
              endColumn: 39,
              suggestions: [],
            },
          ],
        },
        {
          // `var self = this` reads the same field; the deprecated constructor makes a Buffer.
          code: `function Framer(size) {
  var self = this;
  self.frame = new Buffer(size);
}
Framer.prototype.header = function () {
  return this.frame.slice(0, 4);
};
module.exports = Framer;
`,
          output: `function Framer(size) {
  var self = this;
  self.frame = new Buffer(size);
}
Framer.prototype.header = function () {
  return this.frame.subarray(0, 4);
};
module.exports = Framer;
`,
          errors: [
            {
              messageId: 'bufferSlice',
              data: { call: 'this.frame.slice(0, 4)', receiver: 'this.frame', evidence: 'made by the deprecated `new Buffer()`' },
              line: 6,
              column: 10,
              endLine: 6,
              endColumn: 32,
              suggestions: [],
            },
          ],
        },
        {
          // A field known only by the Buffer accessors called on it: likely a Buffer, so a suggestion
          // (a Buffer-like list class has `readUInt32BE` too, and no `subarray`).
          code: `function Reader(options) {
  this._buffer = options.buffer;
  this._offset = 0;
}
Reader.prototype.uint32 = function () {
  var value = this._buffer.readUInt32BE(this._offset);
  this._offset += 4;
  return value;
};
Reader.prototype.bytes = function (n) {
  this._offset += n;
  return this._buffer.slice(this._offset - n, this._offset);
};
module.exports = Reader;
`,
          output: null,
          errors: [
            {
              messageId: 'bufferSlice',
              data: {
                call: 'this._buffer.slice(this._offset - n, ...',
                receiver: 'this._buffer',
                evidence: '`this._buffer.readUInt32BE()` is called on it',
              },
              line: 12,
              column: 10,
              endLine: 12,
              endColumn: 60,
              suggestions: [
                {
                  messageId: 'useSubarray',
                  output: `function Reader(options) {
  this._buffer = options.buffer;
  this._offset = 0;
}
Reader.prototype.uint32 = function () {
  var value = this._buffer.readUInt32BE(this._offset);
  this._offset += 4;
  return value;
};
Reader.prototype.bytes = function (n) {
  this._offset += n;
  return this._buffer.subarray(this._offset - n, this._offset);
};
module.exports = Reader;
`,
                },
              ],
            },
          ],
        },
        {
          // A module variable declared empty and filled later: every value it is given is a Buffer.
          code: `const crypto = require('node:crypto');
let page;
let used = 0;
function nextId() {
  if (!page || used === 4096) {
    page = crypto.randomBytes(4096);
    used = 0;
  }
  used += 16;
  return page.slice(used - 16, used);
}
module.exports = { nextId };
`,
          output: `const crypto = require('node:crypto');
let page;
let used = 0;
function nextId() {
  if (!page || used === 4096) {
    page = crypto.randomBytes(4096);
    used = 0;
  }
  used += 16;
  return page.subarray(used - 16, used);
}
module.exports = { nextId };
`,
          errors: [
            {
              messageId: 'bufferSlice',
              data: { call: 'page.slice(used - 16, used)', receiver: 'page', evidence: 'returned by `randomBytes()`' },
              line: 10,
              column: 10,
              endLine: 10,
              endColumn: 37,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// ssz's BitList and msgpack's key cache: `slice` meant as a copy of a `Uint8Array` the module's callers hand
// in, kept or returned; Node callers pass Buffers, for which it is `Buffer#slice`.
describe('Uint8Array input of an exported function', () => {
  const on = [{ checkUint8ArrayBoundary: true }] as [{ checkUint8ArrayBoundary: boolean }];
  const cache = (slice: string) => `interface Entry {
  bytes: Uint8Array;
}
export class KeyCache {
  private readonly entries: Entry[] = [];
  private store(bytes: Uint8Array) {
    this.entries.push({ bytes });
  }
  decode(bytes: Uint8Array, start: number, end: number): number {
    const key = ${slice};
    this.store(key);
    return key.length;
  }
}
`;
  const bitList = (slice: string) => `function fromBytes(data: Uint8Array, start: number, end: number) {
  const uint8Array = ${slice};
  return { uint8Array, bitLen: (end - start) * 8 };
}
export class BitListType {
  private deserialize(data: Uint8Array, start: number, end: number) {
    return fromBytes(data, start, end);
  }
  value_deserializeFromBytes(view: { uint8Array: Uint8Array }, start: number, end: number) {
    return this.deserialize(view.uint8Array, start, end);
  }
}
`;
  const bitVector = (slice: string) => `import { BitArray } from './bit-array';
export class BitVectorType {
  value_deserializeFromBytes(data: { uint8Array: Uint8Array }, start: number, end: number): BitArray {
    return new BitArray(${slice}, 8);
  }
}
`;
  const message = (receiver: string, entry: string, call: string, sink: string) => ({
    messageId: 'publicInputSlice' as const,
    data: { receiver, entry, call, sink },
  });
  runRuleTests(
    'no-buffer-slice',
    rule,
    {
      valid: [
        // Without the option.
        cache('bytes.slice(start, end)'),
        // Already an exact copy.
        { code: cache('Uint8Array.prototype.slice.call(bytes, start, end)'), options: on },
        // The piece is read and dropped.
        {
          code: `export function checksum(bytes: Uint8Array) {
  const body = bytes.slice(4);
  return body.reduce((sum, byte) => sum + byte, 0);
}
`,
          options: on,
        },
        // A private helper no exported function hands its input to.
        {
          code: `const kept: Uint8Array[] = [];
function remember(bytes: Uint8Array) {
  kept.push(bytes.slice(1));
}
export function start() {
  remember(new Uint8Array(8));
}
`,
          options: on,
        },
        // A TypeScript private method is not the module's input.
        {
          code: `export class Store {
  private readonly kept: Uint8Array[] = [];
  private keep(bytes: Uint8Array) {
    this.kept.push(bytes.slice(1));
  }
}
`,
          options: on,
        },
        // A union with Buffer: the author expects Buffers (such receivers are never reported).
        {
          code: `const kept: Uint8Array[] = [];
export function remember(bytes: Buffer | Uint8Array) {
  kept.push(bytes.slice(1));
}
`,
          options: on,
        },
        // The parameter is replaced first.
        {
          code: `const kept: Uint8Array[] = [];
export function remember(bytes: Uint8Array) {
  bytes = new Uint8Array(bytes);
  kept.push(bytes.slice(1));
}
`,
          options: on,
        },
      ],
      invalid: [
        {
          code: cache('bytes.slice(start, end)'),
          options: on,
          output: null,
          errors: [
            {
              ...message('bytes', 'decode', 'bytes.slice(start, end)', 'kept in `this.entries`'),
              line: 10,
              column: 17,
              endLine: 10,
              endColumn: 40,
              suggestions: [{ messageId: 'copyExactly', output: cache('Uint8Array.prototype.slice.call(bytes, start, end)') }],
            },
          ],
        },
        {
          code: `export function header(bytes: Uint8Array) {
  return { id: bytes.slice(0, 16) };
}
`,
          options: on,
          output: null,
          errors: [
            {
              ...message('bytes', 'header', 'bytes.slice(0, 16)', '`header()` returns it in its result'),
              line: 2,
              column: 16,
              endLine: 2,
              endColumn: 34,
              suggestions: [{ messageId: 'copyExactly', output: `export function header(bytes: Uint8Array) {
  return { id: Uint8Array.prototype.slice.call(bytes, 0, 16) };
}
` }],
            },
          ],
        },
        // A property of an exported method's parameter, through a private method and a module helper.
        {
          code: bitList('data.slice(start, end)'),
          options: on,
          output: null,
          errors: [
            {
              ...message('data', 'value_deserializeFromBytes', 'data.slice(start, end)', '`fromBytes()` returns it in its result'),
              line: 2,
              column: 22,
              endLine: 2,
              endColumn: 44,
              suggestions: [{ messageId: 'copyExactly', output: bitList('Uint8Array.prototype.slice.call(data, start, end)') }],
            },
          ],
        },
      ],
    },
    {
      // With types: a property of a parameter, typed Uint8Array by the checker (ssz's BitVector).
      valid: [],
      invalid: [
        {
          code: bitVector('data.uint8Array.slice(start, end)'),
          options: on,
          output: null,
          errors: [
            {
              ...message('data.uint8Array', 'value_deserializeFromBytes', 'data.uint8Array.slice(start, end)', '`value_deserializeFromBytes()` returns it in its result'),
              line: 4,
              column: 25,
              endLine: 4,
              endColumn: 58,
              suggestions: [{ messageId: 'copyExactly', output: bitVector('Uint8Array.prototype.slice.call(data.uint8Array, start, end)') }],
            },
          ],
        },
      ],
    },
  );
  // A program for browsers only (no `Buffer` global in its types: rx-player's BIF parser): no caller hands
  // the function a Buffer, so its `slice` is the copy it reads as. The same code in a Node program is
  // reported above.
  describe('typed, a program without Node types', () => {
    browserTypedTester.run('no-buffer-slice', rule as never, {
      valid: [
        { code: cache('bytes.slice(start, end)'), options: on, filename: BROWSER_TYPED_FILENAME },
        { code: bitVector('data.uint8Array.slice(start, end)'), options: on, filename: BROWSER_TYPED_FILENAME },
      ],
      invalid: [],
    });
  });
});

// node-redis-parser's module-wide `bufferPool` (grown in a branch, shrunk by cutting itself) and mysql's parser buffer
// (`this._buffer = combined`, where `combined` is a cut of the old buffer or a new one): every value they are given is a Buffer.
describe('a Buffer every value of which is a Buffer or a cut of itself', () => {
  const pool = (cut: string, shrink = cut) => `var pool = new Buffer(64 * 1024);
export function grow(parser, chunk) {
  var length = parser.buffer.length + chunk.length;
  if (pool.length < length) {
    pool = new Buffer(length);
  }
  if (pool.length > 96 * 1024) pool = pool.${shrink}(0, length);
  chunk.copy(pool, 0);
  parser.buffer = pool.${cut}(0, length);
}
`;
  const parser = (cut: string, other = 'new Buffer(chunk.length)') => `function Parser() {
  this._buffer = new Buffer(0);
  this._offset = 0;
}
Parser.prototype.append = function (chunk) {
  var oldBuffer = this._buffer;
  var combined = this._offset > chunk.length ? oldBuffer.slice(0, chunk.length) : ${other};
  chunk.copy(combined, 0);
  this._buffer = combined;
};
Parser.prototype.parseBuffer = function (length) {
  return this._buffer.${cut}(this._offset, this._offset + length);
};
module.exports = Parser;
`;
  const evidence = 'made by the deprecated `new Buffer()`';
  runRuleTests('no-buffer-slice', rule, {
    valid: [pool('subarray')],
    invalid: [
      {
        code: pool('slice'),
        output: pool('subarray'),
        errors: [
          { messageId: 'bufferSlice', data: { call: 'pool.slice(0, length)', receiver: 'pool', evidence }, line: 7, column: 39, endLine: 7, endColumn: 60, suggestions: [] },
          { messageId: 'bufferSlice', data: { call: 'pool.slice(0, length)', receiver: 'pool', evidence }, line: 9, column: 19, endLine: 9, endColumn: 40, suggestions: [] },
        ],
      },
      {
        code: parser('slice'),
        filename: 'file.js',
        output: parser('subarray').replace('oldBuffer.slice(0, chunk.length)', 'oldBuffer.subarray(0, chunk.length)'),
        errors: [
          {
            messageId: 'bufferSlice',
            data: { call: 'oldBuffer.slice(0, chunk.length)', receiver: 'oldBuffer', evidence },
            line: 7,
            column: 48,
            endLine: 7,
            endColumn: 80,
            suggestions: [],
          },
          {
            messageId: 'bufferSlice',
            data: { call: 'this._buffer.slice(this._offset, this...', receiver: 'this._buffer', evidence },
            line: 12,
            column: 10,
            endLine: 12,
            endColumn: 65,
            suggestions: [],
          },
        ],
      },
    ],
  }, { valid: [], invalid: [] }, {
    // One value is something else: nothing is proven untyped (typed, the checker takes the constructor's declaration).
    valid: [{ code: parser('slice', "chunk.toString('latin1')"), filename: 'file.js' }],
    invalid: [],
  });
});
