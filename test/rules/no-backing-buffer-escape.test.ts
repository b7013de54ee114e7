import rule from '../../rules/no-backing-buffer-escape';
import { runRuleTests, TYPED_FILENAME } from '../helpers/rule-tester';
import { NOVNC_WEBSOCK_REPLACING } from '../helpers/samples';

// `both` runs untyped and typed. Without types every `x.buffer` passed whole to a constructor, `Buffer.from` or
// `.slice()` is reported, as unicorn's no-unsafe-buffer-conversion does, except views that own their whole
// ArrayBuffer and plain objects; the other sinks need evidence that `x` is a view, and so does the autofix
// (else a suggestion). Types add that evidence.
runRuleTests(
  'no-backing-buffer-escape',
  rule,
  // both
  {
    valid: [
    // `fill` (as `sort`, `reverse`, `copyWithin`) returns the array it is called on, which owns its store (feross/buffer's test).
    {
      code: `function table(seed) {
  return Buffer.from(new Uint32Array(256).fill(seed).buffer);
}
module.exports = table;
`,
      filename: 'file.js',
    },
    // An offset derived from the view's own `byteOffset`, and one that may be (a destructured `byteOffset`).
    {
      code: `function at(byteArray, skip, length) {
  if (byteArray instanceof Uint8Array) {
    const byteOffset = byteArray.byteOffset + skip;
    return new Uint8Array(byteArray.buffer, byteOffset, length);
  }
  throw new Error('unknown type');
}
function described(byteArray, { byteOffset, length }) {
  if (byteArray instanceof Uint8Array) {
    return new Uint8Array(byteArray.buffer, byteOffset, length);
  }
  throw new Error('unknown type');
}
module.exports = { at, described };
`,
      filename: 'file.js',
    },
    // A `_write` chunk outside a test of its encoding for `'buffer'`: nothing says it is a view.
    {
      code: `const { Writable } = require('node:stream');
class Sender extends Writable {
  _write(chunk, encoding, callback) {
    let data;
    if (encoding === 'latin1') {
      data = chunk.buffer;
    }
    this.send(new Uint8Array(data), callback);
  }
}
module.exports = Sender;
`,
      filename: 'file.js',
    },
    // A DataView from the view's own start reads at the offsets it names (ethereumjs' fixed BLAKE2F precompile).
    `export function rounds(data: Uint8Array): number {
  return new DataView(data.buffer, data.byteOffset).getUint32(0);
}
`,
    // `this.buffer` of any other class is its own field; a view class that passes its bounds is fine.
    {
      code: `class Holder {
  view() {
    return new Uint8Array(this.buffer);
  }
}
class Frame extends Uint8Array {
  body() {
    return this.buffer.slice(this.byteOffset, this.byteOffset + this.byteLength);
  }
}
module.exports = { Holder, Frame };
`,
      filename: 'file.js',
    },
    // Without the normalizing `if`, `buffer` may be anything with a `buffer` property: its bounds are the caller's business.
    {
      code: `function send(socket, buffer, offset, length) {
  socket.send(new Uint8Array(buffer.buffer.slice(offset, length)));
}
module.exports = send;
`,
      filename: 'file.js',
    },
    // The file's own class has a `buffer` field (an ArrayBuffer): `block.buffer` of a block the code cannot type is that field.
`export class Block {
  buffer: ArrayBufferLike;
  constructor(arrayBuffer: ArrayBufferLike) {
    this.buffer = arrayBuffer;
  }
}
const blocks: (Block | null)[] = [];
export function read(index: number) {
  const block = blocks[index];
  return block ? new Uint8Array(block.buffer) : null;
}
`,
    // The held store is read from the view's own first byte.
    {
      code: `function copyOut(data) {
  var array = data.buffer || data;
  var start = data.byteOffset || 0;
  var out = Buffer.alloc(data.byteLength);
  for (var i = 0; i < out.length; i++) out[i] = array[data.byteOffset + i];
  return out;
}
module.exports = copyOut;
`,
      filename: 'file.js',
    },
    // The offset is derived from the view's byteOffset in the file: it already counts from the view's first byte.
`export function at(chunk: Buffer, pos: number) {
  const start = chunk.byteOffset + pos;
  return new Uint8Array(chunk.buffer, start, 16);
}
`,
    // The choice's result is kept in a variable, not read here.
`export function storeOf(data: Uint8Array) {
  const store = ArrayBuffer.isView(data) ? data.buffer : data;
  return store.byteLength;
}
`,
    // A parameter annotated with an interface or type alias of this file that is a plain object shape.
    `interface Clip {
  buffer: ArrayBuffer;
  rate: number;
}
export function bytes(clip: Clip) {
  return new Uint8Array(clip.buffer);
}
`,
    `type Packet = { buffer: ArrayBuffer; seq: number } | null;
export function bytesOf(p: Packet) {
  return p ? new Uint8Array(p.buffer) : new Uint8Array(0);
}
`,
    // Typed arrays that own their ArrayBuffer (every assignment a `new Uint8Array(n)`), and WebAssembly memory.
`export function frameHeader(payloadLength: number): Uint8Array {
  let header;
  if (payloadLength < 126) {
    header = new Uint8Array(1);
    new DataView(header.buffer).setUint8(0, payloadLength);
  } else {
    header = new Uint8Array(3);
    const view = new DataView(header.buffer);
    view.setUint8(0, 126);
    view.setUint16(1, payloadLength);
  }
  return header;
}
`,
`let cachedBytes: Uint8Array | null = null;
export function bytes(wasm: { memory: { buffer: ArrayBuffer } }): Uint8Array {
  if (cachedBytes === null || cachedBytes.byteLength === 0) cachedBytes = new Uint8Array(wasm.memory.buffer);
  return cachedBytes;
}
`,
`const mem = new WebAssembly.Memory({ initial: 1 });
export const heap = new Uint8Array(mem.buffer);
`,
    // `TextEncoder#encode` returns a Uint8Array over its own ArrayBuffer of the exact size (undici's tests).
`const encoder = new TextEncoder();
export const bodies = [
  new DataView(new TextEncoder().encode('{"test":true}').buffer),
  new BigUint64Array(encoder.encode('0123456789abcdef').buffer),
];
`,
    // A growable buffer re-cuts its own ArrayBuffer from byte 0 and addresses its spare capacity by offset.
`export class GrowableBuffer {
  private buf = new Uint8Array(0);
  private length = 0;

  constructor(initial?: ArrayBuffer) {
    if (initial) this.buf = new Uint8Array(initial);
  }

  private reslice(len: number): void {
    this.buf = new Uint8Array(this.buf.buffer, 0, len);
  }

  grow(n: number): Uint8Array {
    if (this.buf.buffer.byteLength - this.length < n) {
      const bigger = new Uint8Array(2 * this.buf.buffer.byteLength + n);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.reslice(this.length + n);
    return new Uint8Array(this.buf.buffer, this.length);
  }
}
`,
    // Properties the code only ever sets to arrays that own their store: a class's fields, or a property
    // of plain objects written only in this file (protobuf-es, msgpack-javascript, lib0).
`export class BinaryWriter {
  private buffer = new Uint8Array(0);
  private pos = 0;
  private viewCache = new DataView(new ArrayBuffer(0));

  private ensureCapacity(size: number) {
    if (this.pos + size > this.buffer.length) {
      const grown = new Uint8Array(Math.max(64, (this.pos + size) * 2));
      grown.set(this.buffer);
      this.buffer = grown;
    }
  }

  private view(): DataView {
    const bytes = this.buffer;
    if (this.viewCache.byteLength === bytes.byteLength) return this.viewCache;
    this.viewCache = new DataView(bytes.buffer);
    return this.viewCache;
  }
}
`,
`export class Encoder {
  private view = new DataView(new ArrayBuffer(2048));
  private bytes = new Uint8Array(this.view.buffer);

  resize(size: number) {
    this.view = new DataView(new ArrayBuffer(size));
    this.bytes = new Uint8Array(this.view.buffer);
  }
}
`,
`export const createEncoder = () => ({ cpos: 0, cbuf: new Uint8Array(100), bufs: [] as Uint8Array[] });
type Encoder = ReturnType<typeof createEncoder>;
export const verifyLen = (encoder: Encoder, len: number) => {
  if (encoder.cbuf.length - encoder.cpos < len) {
    encoder.bufs.push(new Uint8Array(encoder.cbuf.buffer, 0, encoder.cpos));
    encoder.cbuf = new Uint8Array(Math.max(encoder.cbuf.length, len) * 2);
    encoder.cpos = 0;
  }
};
`,
    // An object asserted to a shape with a `buffer` field, which is not a view (cloudflare/agents' codemode tests).
`export const accept = (...args: unknown[]) => {
  const input = args[0] as { buffer: ArrayBuffer };
  return Array.from(new Uint8Array(input.buffer));
};
export const bytesOf = (raw: unknown) => new Uint8Array((raw as { buffer: ArrayBuffer }).buffer);
`,
    `export function bytesOf(frame: Buffer) {
  return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
}
`,
    `export function asBuffer(view: Uint8Array) {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
`,
    `export function words(frame: Buffer) {
  return new Uint32Array(frame.buffer, frame.byteOffset, frame.byteLength / Uint32Array.BYTES_PER_ELEMENT);
}
`,
    `export function pcmBytes() {
  const samples = new Float32Array(1024);
  return new Uint8Array(samples.buffer);
}
`,
    `export function scratch() {
  const buf = Buffer.alloc(16);
  return new DataView(buf.buffer);
}
`,
    `export function copyOf(view: Uint8Array) {
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
}
`,
    `export async function digest(view: Uint8Array) {
  return crypto.subtle.digest('SHA-256', new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}
`,
    `export class Reader {
  buffer = Buffer.alloc(0);
  peek() {
    return new Uint8Array(this.buffer);
  }
}
`,
    `export function audio() {
  const clip = { buffer: new ArrayBuffer(8), rate: 44100 };
  return new Uint8Array(clip.buffer);
}
`,
    `import { Worker } from 'node:worker_threads';
export function render(worker: Worker, width: number, height: number) {
  const pixels = new Uint8ClampedArray(width * height * 4);
  worker.postMessage(pixels, [pixels.buffer]);
}
`,
    `export function decode(bytes: Uint8Array) {
  const decoder = new TextDecoder();
  return decoder.decode(bytes);
}
`,
    `export function inner(frame: Buffer) {
  return new Uint8Array(frame.buffer, frame.byteOffset + 4, 8);
}
`,
    `export function view(frame: Buffer) {
  return new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
}
`,
    `export function store(view: Uint8Array) {
  const { buffer } = view;
  return buffer.byteLength;
}
`,
    `import { randomBytes } from 'node:crypto';
export function nonce() {
  const bytes = randomBytes(16);
  return new Uint8Array(bytes.buffer);
}
`,
    `export function write(socket: { write(data: Uint8Array, offset: number, length: number): void }, frame: Buffer) {
  socket.write(new Uint8Array(frame.buffer), frame.byteOffset, frame.byteLength);
}
`,
    `import * as http from 'node:http';
export function serve(cache: { buffer: Buffer; type: string }) {
  return http.createServer((req, res) => {
    res.setHeader('content-type', cache.type);
    res.end(cache.buffer);
  });
}
`,
    `import { parentPort } from 'node:worker_threads';
export function done(result: Float32Array) {
  parentPort?.postMessage(result, [result.buffer]);
}
`,
    ],
    invalid: [
    // A Writable's `_write` chunk inside `if (encoding === 'buffer')` is a Buffer by Node's contract (Deno's HTTP/2
    // polyfill sent its whole store); with another encoding nothing says what it is (valid, above).
    {
      code: `const { Writable } = require('node:stream');
class Sender extends Writable {
  _write(chunk, encoding, callback) {
    let data;
    if (encoding === 'buffer') {
      data = chunk.buffer;
    }
    this.send(new Uint8Array(data), callback);
  }
}
module.exports = Sender;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: { buffer: 'chunk.buffer', view: 'chunk', sink: 'it is kept in `data`, and `new Uint8Array()` of it covers bytes outside the view' },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    // The choice inside a test for a missing value (engine.io-parser under io.js 3): the store, kept and read whole.
    {
      code: `function encodeArrayBuffer(packet) {
  var data = packet.data === undefined ? undefined : packet.data.buffer || packet.data;
  return new Uint8Array(data);
}
module.exports = encodeArrayBuffer;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: { buffer: 'packet.data.buffer', view: 'packet.data', sink: 'it is kept in `data`, and `new Uint8Array()` of it covers bytes outside the view' },
          line: 2,
          column: 54,
          endLine: 2,
          endColumn: 72,
          suggestions: [],
        },
      ],
    },
    // `encoded`, an encoder's output, is named as bytes: its store sent whole sends other messages' bytes (osc.js).
    {
      code: `var p = Port.prototype;
p.sendRaw = function (encoded) {
  this.socket.send(encoded.buffer);
};
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: { buffer: 'encoded.buffer', view: 'encoded', sink: '`this.socket.send()` writes all of it' },
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 34,
          suggestions: [{ messageId: 'viewExactly', output: `var p = Port.prototype;
p.sendRaw = function (encoded) {
  this.socket.send(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength));
};
` }],
        },
      ],
    },
    // A parameter only named `byteOffset` is an offset into the view (dicomParser's `sharedCopy`), not the view's own.
    {
      code: `function sharedCopy(byteArray, byteOffset, length) {
  if (byteArray instanceof Uint8Array) {
    return new Uint8Array(byteArray.buffer, byteOffset, length);
  }
  throw new Error('unknown type');
}
module.exports = sharedCopy;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: { buffer: 'byteArray.buffer', view: 'byteArray', sink: '`new Uint8Array()` without `byteArray.byteOffset` and `byteArray.byteLength` covers bytes outside the view' },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 43,
          suggestions: [{ messageId: 'passViewBounds', output: `function sharedCopy(byteArray, byteOffset, length) {
  if (byteArray instanceof Uint8Array) {
    return new Uint8Array(byteArray.buffer, byteArray.byteOffset + byteOffset, length);
  }
  throw new Error('unknown type');
}
module.exports = sharedCopy;
` }],
        },
      ],
    },
    // A typed array from the view's start but without its length holds the rest of the store as elements.
    {
      code: `export function tail(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: { buffer: 'data.buffer', view: 'data', sink: '`new Uint8Array()` without `data.byteLength` covers bytes outside the view' },
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 36,
          suggestions: [{ messageId: 'passViewBounds', output: `export function tail(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
` }],
        },
      ],
    },
    // `fill` returns its receiver: a parameter's view filled is still that view, with the store around it.
    {
      code: `function filled(view, seed) {
  return Buffer.from(view.fill(seed).buffer);
}
module.exports = filled;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: { buffer: 'view.fill(seed).buffer', view: 'view.fill(seed)', sink: '`Buffer.from()` without `view.fill(seed).byteOffset` and `view.fill(seed).byteLength` covers bytes outside the view' },
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 44,
          suggestions: [],
        },
      ],
    },
    // Functions of another file of the package (test/typed/pkg/frame.ts): one returns a view of its input,
    // the other a copy that owns its store.
    {
      code: `import { Worker } from 'node:worker_threads';
import { payloadOf, copyBody } from './pkg/frame.js';
const worker = new Worker('./w.js');
export function send(chunk: Buffer) {
  worker.postMessage(payloadOf(chunk).buffer);
  worker.postMessage(copyBody(chunk).buffer);
}
`,
      filename: TYPED_FILENAME,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"payloadOf(chunk).buffer","view":"payloadOf(chunk)","sink":"`worker.postMessage()` clones all of it"},
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    // In a method of a Buffer or typed-array subclass or prototype, `this` is a view and `this.buffer` its store.
    {
      code: `Buffer.prototype.toArrayBuffer = function () {
  return new Uint8Array(this.buffer).buffer;
};
class Frame extends Uint8Array {
  payload() {
    return new DataView(this.buffer);
  }
}
module.exports = { Frame };
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"this.buffer","view":"this","sink":"`new Uint8Array()` without `this.byteOffset` and `this.byteLength` covers bytes outside the view"},
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 36,
          suggestions: [{ messageId: 'passViewBounds', output: `Buffer.prototype.toArrayBuffer = function () {
  return new Uint8Array(this.buffer, this.byteOffset, this.byteLength).buffer;
};
class Frame extends Uint8Array {
  payload() {
    return new DataView(this.buffer);
  }
}
module.exports = { Frame };
` }],
        },
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"this.buffer","view":"this","sink":"`new DataView()` without `this.byteOffset` and `this.byteLength` covers bytes outside the view"},
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 36,
          suggestions: [{ messageId: 'passViewBounds', output: `Buffer.prototype.toArrayBuffer = function () {
  return new Uint8Array(this.buffer).buffer;
};
class Frame extends Uint8Array {
  payload() {
    return new DataView(this.buffer, this.byteOffset, this.byteLength);
  }
}
module.exports = { Frame };
` }],
        },
      ],
    },
    // `if (!Buffer.isBuffer(x)) x = Buffer.from(x)`: after the `if`, a Buffer on both paths (a proven view).
    {
      code: `function send(socket, buffer, offset, length) {
  if (!Buffer.isBuffer(buffer)) buffer = Buffer.from(buffer);
  socket.send(new Uint8Array(buffer.buffer.slice(offset, length)));
}
module.exports = send;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"buffer.buffer","view":"buffer","sink":"`.slice()` of it copies bytes outside the view"},
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 43,
          suggestions: [{ messageId: 'passViewBounds', output: `function send(socket, buffer, offset, length) {
  if (!Buffer.isBuffer(buffer)) buffer = Buffer.from(buffer);
  socket.send(new Uint8Array(buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + length)));
}
module.exports = send;
` }],
        },
      ],
    },
    // A store kept in a variable and read from its first byte: by index (the choice `data.buffer || data` says `data` may be a view)...
    {
      code: `function getArrayBuffer(data) {
  // data is either an ArrayBuffer or ArrayBufferView.
  var array = data.buffer || data
    , l = data.byteLength || data.length
    , buffer = Buffer.alloc(l);
  for (var i = 0; i < l; ++i) {
    buffer[i] = array[i];
  }
  return buffer;
}
module.exports = getArrayBuffer;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"data.buffer","view":"data","sink":"it is kept in `array`, and `array[…]` reads it from its first byte, not the view's"},
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    // ...or wrapped whole, on the one path where a Uint8Array's store is assigned.
    {
      code: `export function send(data: Uint8Array | ArrayBuffer, encrypt: (bytes: Uint8Array) => void) {
  let buffer: ArrayBuffer;
  if (data instanceof Uint8Array) {
    buffer = data.buffer as ArrayBuffer;
  } else {
    buffer = data;
  }
  encrypt(new Uint8Array(buffer));
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"data.buffer","view":"data","sink":"it is kept in `buffer`, and `new Uint8Array()` of it covers bytes outside the view"},
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
    // Offsets that nothing derives from the view's byteOffset (here parameters) count from the store's first byte.
    {
      code: `export function header(chunk: Buffer, off: number) {
  return new Uint8Array(chunk.buffer, off, 16);
}
export function body(chunk: Buffer, start: number, end: number) {
  return chunk.buffer.slice(start, end);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"chunk.buffer","view":"chunk","sink":"`new Uint8Array()` without `chunk.byteOffset` and `chunk.byteLength` covers bytes outside the view"},
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 37,
          suggestions: [{ messageId: 'passViewBounds', output: `export function header(chunk: Buffer, off: number) {
  return new Uint8Array(chunk.buffer, chunk.byteOffset + off, 16);
}
export function body(chunk: Buffer, start: number, end: number) {
  return chunk.buffer.slice(start, end);
}
` }],
        },
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"chunk.buffer","view":"chunk","sink":"`.slice()` of it copies bytes outside the view"},
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 22,
          suggestions: [{ messageId: 'passViewBounds', output: `export function header(chunk: Buffer, off: number) {
  return new Uint8Array(chunk.buffer, off, 16);
}
export function body(chunk: Buffer, start: number, end: number) {
  return chunk.buffer.slice(chunk.byteOffset + start, chunk.byteOffset + end);
}
` }],
        },
      ],
    },
    // One side of a choice (`isView(buf) ? buf.buffer : buf`, `data.buffer || data`) still reads the store from 0;
    // no rewrite of the reader's arguments fits the other side, so there is no suggestion.
    {
      code: `export function createReadBuffer(buf: ArrayBuffer | Uint8Array) {
  const view = new DataView(ArrayBuffer.isView(buf) ? buf.buffer : buf);
  return view.getUint8(0);
}
export function viewOf(data: Uint8Array) {
  return new Uint8Array(data.buffer || data);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"buf.buffer","view":"buf","sink":"`new DataView()` without `buf.byteOffset` and `buf.byteLength` covers bytes outside the view"},
          line: 2,
          column: 55,
          endLine: 2,
          endColumn: 65,
          suggestions: [],
        },
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"data.buffer","view":"data","sink":"`new Uint8Array()` without `data.byteOffset` and `data.byteLength` covers bytes outside the view"},
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    {
      // A field set to null before its first real value: the empty state says nothing of what it holds.
      code: `function Encoder() {
  this.parts = [];
  this.out = null;
}
Encoder.prototype.finish = function () {
  this.out = Buffer.concat(this.parts);
  return new Uint8Array(this.out.buffer);
};
module.exports = Encoder;
`,
      filename: 'file.js',
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"this.out.buffer","view":"this.out","sink":"`new Uint8Array()` without `this.out.byteOffset` and `this.out.byteLength` covers bytes outside the view"},
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 40,
          suggestions: [{ messageId: 'passViewBounds', output: `function Encoder() {
  this.parts = [];
  this.out = null;
}
Encoder.prototype.finish = function () {
  this.out = Buffer.concat(this.parts);
  return new Uint8Array(this.out.buffer, this.out.byteOffset, this.out.byteLength);
};
module.exports = Encoder;
` }],
        },
      ],
    },
    {
      code: `export function frameBytes(json: string) {
  const frame = Buffer.from(json);
  return new Uint8Array(frame.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"frame.buffer","view":"frame","sink":"`new Uint8Array()` without `frame.byteOffset` and `frame.byteLength` covers bytes outside the view"},
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 37,
          suggestions: [{ messageId: 'passViewBounds', output: `export function frameBytes(json: string) {
  const frame = Buffer.from(json);
  return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
}
` }],
        },
      ],
    },
    {
      code: `export function header(parts: Buffer[]) {
  const packet = Buffer.concat(parts);
  const view = new DataView(packet.buffer);
  return view.getUint32(0);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"packet.buffer","view":"packet","sink":"`new DataView()` without `packet.byteOffset` and `packet.byteLength` covers bytes outside the view"},
          line: 3,
          column: 29,
          endLine: 3,
          endColumn: 42,
          suggestions: [{ messageId: 'passViewBounds', output: `export function header(parts: Buffer[]) {
  const packet = Buffer.concat(parts);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return view.getUint32(0);
}
` }],
        },
      ],
    },
    {
      code: `export function toBuffer(store: ArrayBuffer) {
  const view = new Uint8Array(store, 4, 8);
  return Buffer.from(view.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"view.buffer","view":"view","sink":"`Buffer.from()` without `view.byteOffset` and `view.byteLength` covers bytes outside the view"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 33,
          suggestions: [{ messageId: 'passViewBounds', output: `export function toBuffer(store: ArrayBuffer) {
  const view = new Uint8Array(store, 4, 8);
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
` }],
        },
      ],
    },
    {
      code: `export function samplesOf(encoded: string) {
  const samples = Buffer.from(encoded, 'base64');
  return new Uint32Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"samples.buffer","view":"samples","sink":"`new Uint32Array()` without `samples.byteOffset` and `samples.byteLength` covers bytes outside the view"},
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 40,
          suggestions: [{ messageId: 'passViewBounds', output: `export function samplesOf(encoded: string) {
  const samples = Buffer.from(encoded, 'base64');
  return new Uint32Array(samples.buffer, samples.byteOffset, samples.byteLength / Uint32Array.BYTES_PER_ELEMENT);
}
` }],
        },
      ],
    },
    {
      code: `export function bodyView(text: string) {
  const body = Buffer.from(text);
  return new Uint8Array(body.buffer, 0, body.length);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"body.buffer","view":"body","sink":"`new Uint8Array()` without `body.byteOffset` and `body.byteLength` covers bytes outside the view"},
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 36,
          suggestions: [{ messageId: 'passViewBounds', output: `export function bodyView(text: string) {
  const body = Buffer.from(text);
  return new Uint8Array(body.buffer, body.byteOffset, body.length);
}
` }],
        },
      ],
    },
    {
      code: `export async function digest(text: string) {
  const payload = Buffer.from(text);
  return crypto.subtle.digest('SHA-256', payload.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"payload.buffer","view":"payload","sink":"`crypto.subtle.digest()` reads all of it"},
          line: 3,
          column: 42,
          endLine: 3,
          endColumn: 56,
          suggestions: [{ messageId: 'copyExactly', output: `export async function digest(text: string) {
  const payload = Buffer.from(text);
  return crypto.subtle.digest('SHA-256', payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength));
}
` }],
        },
      ],
    },
    {
      code: `export function upload(parts: Buffer[]) {
  const image = Buffer.concat(parts);
  return new Blob([image.buffer], { type: 'image/png' });
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"image.buffer","view":"image","sink":"`new Blob()` stores all of it"},
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 32,
          suggestions: [{ messageId: 'copyExactly', output: `export function upload(parts: Buffer[]) {
  const image = Buffer.concat(parts);
  return new Blob([image.buffer.slice(image.byteOffset, image.byteOffset + image.byteLength)], { type: 'image/png' });
}
` }],
        },
      ],
    },
    {
      code: `export function firstLine(raw: string) {
  const line = Buffer.from(raw, 'latin1');
  return new TextDecoder().decode(line.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"line.buffer","view":"line","sink":"`TextDecoder#decode()` decodes all of it"},
          line: 3,
          column: 35,
          endLine: 3,
          endColumn: 46,
          suggestions: [{ messageId: 'viewExactly', output: `export function firstLine(raw: string) {
  const line = Buffer.from(raw, 'latin1');
  return new TextDecoder().decode(new Uint8Array(line.buffer, line.byteOffset, line.byteLength));
}
` }],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function dispatch(worker: Worker, job: string) {
  const frame = Buffer.from(job);
  worker.postMessage(frame.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"frame.buffer","view":"frame","sink":"`worker.postMessage()` clones all of it"},
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 34,
          suggestions: [{ messageId: 'copyExactly', output: `import { Worker } from 'node:worker_threads';
export function dispatch(worker: Worker, job: string) {
  const frame = Buffer.from(job);
  worker.postMessage(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength));
}
` }],
        },
      ],
    },
    {
      code: `import { MessagePort } from 'node:worker_threads';
export function ship(port: MessagePort, encoded: string) {
  const pixels = Buffer.from(encoded, 'base64');
  port.postMessage(pixels, [pixels.buffer]);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"pixels.buffer","view":"pixels","sink":"the transfer list moves all of it to the other side and detaches it here, other views of it included"},
          line: 4,
          column: 29,
          endLine: 4,
          endColumn: 42,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function reply(ws: WebSocket, text: string) {
  const message = Buffer.from(text);
  ws.send(message.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"message.buffer","view":"message","sink":"`ws.send()` writes all of it"},
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 25,
          suggestions: [{ messageId: 'viewExactly', output: `export function reply(ws: WebSocket, text: string) {
  const message = Buffer.from(text);
  ws.send(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
}
` }],
        },
      ],
    },
    {
      code: `export function snapshot(parts: Buffer[]) {
  const state = Buffer.concat(parts);
  return state.buffer.slice();
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"state.buffer","view":"state","sink":"`.slice()` of it copies bytes outside the view"},
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 22,
          suggestions: [{ messageId: 'passViewBounds', output: `export function snapshot(parts: Buffer[]) {
  const state = Buffer.concat(parts);
  return state.buffer.slice(state.byteOffset, state.byteOffset + state.byteLength);
}
` }],
        },
      ],
    },
    {
      code: `export function frameWords(json: string) {
  const frame = Buffer.from(json);
  return new Uint8Array(frame.buffer /* whole frame */);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"frame.buffer","view":"frame","sink":"`new Uint8Array()` without `frame.byteOffset` and `frame.byteLength` covers bytes outside the view"},
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function lengthOf(raw: string) {
  const packet = Buffer.from(raw, 'base64');
  return new DataView((packet as Buffer).buffer).getUint16(0);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"(packet as Buffer).buffer","view":"packet","sink":"`new DataView()` without `packet.byteOffset` and `packet.byteLength` covers bytes outside the view"},
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 48,
          suggestions: [{ messageId: 'passViewBounds', output: `export function lengthOf(raw: string) {
  const packet = Buffer.from(raw, 'base64');
  return new DataView((packet as Buffer).buffer, packet.byteOffset, packet.byteLength).getUint16(0);
}
` }],
        },
      ],
    },
    {
      code: `export function cachedView(raw: string) {
  const header: Buffer | undefined = Buffer.from(raw);
  return new DataView(header?.buffer as ArrayBuffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"header?.buffer","view":"header","sink":"`new DataView()` without `header.byteOffset` and `header.byteLength` covers bytes outside the view"},
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function frameOf(raw: string) {
  const frame = Buffer.from(raw);
  return new Uint8Array(frame.buffer satisfies ArrayBufferLike);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"frame.buffer","view":"frame","sink":"`new Uint8Array()` without `frame.byteOffset` and `frame.byteLength` covers bytes outside the view"},
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 37,
          suggestions: [{ messageId: 'passViewBounds', output: `export function frameOf(raw: string) {
  const frame = Buffer.from(raw);
  return new Uint8Array(frame.buffer satisfies ArrayBufferLike, frame.byteOffset, frame.byteLength);
}
` }],
        },
      ],
    },
    {
      code: `export function wordsOf(raw: string) {
  const frame = Buffer.from(raw);
  return new Uint16Array(frame.buffer, 'two');
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"frame.buffer","view":"frame","sink":"`new Uint16Array()` without `frame.byteOffset` and `frame.byteLength` covers bytes outside the view"},
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },
    {
      code: `export async function post(url: string, text: string) {
  const payload = Buffer.from(text);
  return fetch(url, { method: 'POST', body: payload.buffer });
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"payload.buffer","view":"payload","sink":"`fetch()` sends all of it as the body"},
          line: 3,
          column: 45,
          endLine: 3,
          endColumn: 59,
          suggestions: [{ messageId: 'viewExactly', output: `export async function post(url: string, text: string) {
  const payload = Buffer.from(text);
  return fetch(url, { method: 'POST', body: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength) });
}
` }],
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
    // A property set to a view in one place may hold one anywhere.
    {
      code: `export const createEncoder = () => ({ cpos: 0, cbuf: new Uint8Array(100) });
type Encoder = ReturnType<typeof createEncoder>;
export const adopt = (encoder: Encoder, frame: Uint8Array) => {
  encoder.cbuf = frame.subarray(4);
};
export const header = (encoder: Encoder) => new DataView(encoder.cbuf.buffer).getUint32(0);
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"encoder.cbuf.buffer","view":"encoder.cbuf","sink":"`new DataView()` without `encoder.cbuf.byteOffset` and `encoder.cbuf.byteLength` covers bytes outside the view"},
          line: 6,
          column: 58,
          endLine: 6,
          endColumn: 77,
          suggestions: [{ messageId: 'passViewBounds', output: `export const createEncoder = () => ({ cpos: 0, cbuf: new Uint8Array(100) });
type Encoder = ReturnType<typeof createEncoder>;
export const adopt = (encoder: Encoder, frame: Uint8Array) => {
  encoder.cbuf = frame.subarray(4);
};
export const header = (encoder: Encoder) => new DataView(encoder.cbuf.buffer, encoder.cbuf.byteOffset, encoder.cbuf.byteLength).getUint32(0);
` }],
        },
      ],
    },
    // A field that sometimes holds a chunk's view is not a growable buffer's own store.
    {
      code: `import * as net from 'node:net';
export class FrameReader {
  private buf = new Uint8Array(0);

  attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buf = chunk.subarray(4);
    });
  }

  spare(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, 16);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"this.buf.buffer","view":"this.buf","sink":"`new Uint8Array()` without `this.buf.byteOffset` and `this.buf.byteLength` covers bytes outside the view"},
          line: 12,
          column: 27,
          endLine: 12,
          endColumn: 42,
          suggestions: [{ messageId: 'passViewBounds', output: `import * as net from 'node:net';
export class FrameReader {
  private buf = new Uint8Array(0);

  attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buf = chunk.subarray(4);
    });
  }

  spare(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, 16);
  }
}
` }],
        },
      ],
    },
    // A variable given a view in one branch and a whole typed array in another may be either.
    {
      code: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    let header = chunk.subarray(0, 4);
    if (header[0] === 0) header = new Uint8Array(4);
    const view = new DataView(header.buffer);
    socket.write(String(view.getUint32(0)));
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"header.buffer","view":"header","sink":"`new DataView()` without `header.byteOffset` and `header.byteLength` covers bytes outside the view"},
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 44,
          suggestions: [{ messageId: 'passViewBounds', output: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    let header = chunk.subarray(0, 4);
    if (header[0] === 0) header = new Uint8Array(4);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    socket.write(String(view.getUint32(0)));
  });
});
` }],
        },
      ],
    },
    {
      code: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const bytes = new Uint8Array(chunk.buffer);
    console.log(bytes[0]);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"chunk.buffer","view":"chunk","sink":"`new Uint8Array()` without `chunk.byteOffset` and `chunk.byteLength` covers bytes outside the view"},
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 46,
          suggestions: [{ messageId: 'passViewBounds', output: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    console.log(bytes[0]);
  });
});
` }],
        },
      ],
    },
    {
      code: `export async function sign(key: CryptoKey, body: Uint8Array) {
  return crypto.subtle.sign('HMAC', key, body.buffer);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"body.buffer","view":"body","sink":"`crypto.subtle.sign()` reads all of it"},
          line: 2,
          column: 42,
          endLine: 2,
          endColumn: 53,
          suggestions: [{ messageId: 'copyExactly', output: `export async function sign(key: CryptoKey, body: Uint8Array) {
  return crypto.subtle.sign('HMAC', key, body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
}
` }],
        },
      ],
    },
    ],
  },
  // untypedOnly
  {
    valid: [
    `export async function sign(key, body) {
  return crypto.subtle.sign('HMAC', key, body.buffer);
}
`,
    ],
    invalid: [
    // A property set to a view in one place may hold one anywhere.
    {
      code: `export const createEncoder = () => ({ cpos: 0, cbuf: new Uint8Array(100) });
type Encoder = ReturnType<typeof createEncoder>;
export const adopt = (encoder: Encoder, frame: Uint8Array) => {
  encoder.cbuf = frame.subarray(4);
};
export const header = (encoder: Encoder) => new DataView(encoder.cbuf.buffer).getUint32(0);
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"encoder.cbuf.buffer","view":"encoder.cbuf","sink":"`new DataView()` without `encoder.cbuf.byteOffset` and `encoder.cbuf.byteLength` covers bytes outside the view"},
          line: 6,
          column: 58,
          endLine: 6,
          endColumn: 77,
          suggestions: [
            { messageId: 'passViewBounds', output: `export const createEncoder = () => ({ cpos: 0, cbuf: new Uint8Array(100) });
type Encoder = ReturnType<typeof createEncoder>;
export const adopt = (encoder: Encoder, frame: Uint8Array) => {
  encoder.cbuf = frame.subarray(4);
};
export const header = (encoder: Encoder) => new DataView(encoder.cbuf.buffer, encoder.cbuf.byteOffset, encoder.cbuf.byteLength).getUint32(0);
` },
          ],
        },
      ],
    },
    // A field that sometimes holds a chunk's view is not a growable buffer's own store.
    {
      code: `import * as net from 'node:net';
export class FrameReader {
  private buf = new Uint8Array(0);

  attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buf = chunk.subarray(4);
    });
  }

  spare(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, 16);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"this.buf.buffer","view":"this.buf","sink":"`new Uint8Array()` without `this.buf.byteOffset` and `this.buf.byteLength` covers bytes outside the view"},
          line: 12,
          column: 27,
          endLine: 12,
          endColumn: 42,
          suggestions: [
            { messageId: 'passViewBounds', output: `import * as net from 'node:net';
export class FrameReader {
  private buf = new Uint8Array(0);

  attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buf = chunk.subarray(4);
    });
  }

  spare(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, 16);
  }
}
` },
          ],
        },
      ],
    },
    // A shape that spells out a view's members may be one.
    {
      code: `export const bytesOf = (raw: unknown) => {
  const input = raw as { buffer: ArrayBuffer; byteOffset: number; byteLength: number };
  return new Uint8Array(input.buffer);
};
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"input.buffer","view":"input","sink":"`new Uint8Array()` without `input.byteOffset` and `input.byteLength` covers bytes outside the view"},
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 37,
          suggestions: [
            { messageId: 'passViewBounds', output: `export const bytesOf = (raw: unknown) => {
  const input = raw as { buffer: ArrayBuffer; byteOffset: number; byteLength: number };
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
};
` },
          ],
        },
      ],
    },
    // A variable given a view in one branch and a whole typed array in another may be either.
    {
      code: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    let header = chunk.subarray(0, 4);
    if (header[0] === 0) header = new Uint8Array(4);
    const view = new DataView(header.buffer);
    socket.write(String(view.getUint32(0)));
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"header.buffer","view":"header","sink":"`new DataView()` without `header.byteOffset` and `header.byteLength` covers bytes outside the view"},
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 44,
          suggestions: [
            { messageId: 'passViewBounds', output: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    let header = chunk.subarray(0, 4);
    if (header[0] === 0) header = new Uint8Array(4);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    socket.write(String(view.getUint32(0)));
  });
});
` },
          ],
        },
      ],
    },
    {
      code: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const bytes = new Uint8Array(chunk.buffer);
    console.log(bytes[0]);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"chunk.buffer","view":"chunk","sink":"`new Uint8Array()` without `chunk.byteOffset` and `chunk.byteLength` covers bytes outside the view"},
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 46,
          suggestions: [
            { messageId: 'passViewBounds', output: `import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    console.log(bytes[0]);
  });
});
` },
          ],
        },
      ],
    },
    {
      code: `export function header(bytes) {
  return new DataView(bytes.buffer).getUint32(0);
}
`,
      output: null,
      errors: [
        {
          messageId: 'backingStoreEscape',
          data: {"buffer":"bytes.buffer","view":"bytes","sink":"`new DataView()` without `bytes.byteOffset` and `bytes.byteLength` covers bytes outside the view"},
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 35,
          suggestions: [
            { messageId: 'passViewBounds', output: `export function header(bytes) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
}
` },
          ],
        },
      ],
    },
    ],
  },
);

// The valid cases above lean on these; if a Node release pools them, the rule must learn it.
describe('what the rule takes as owning its whole ArrayBuffer', () => {
  it.each(['', 'abc', 'x'.repeat(100), 'héllo'.repeat(1000)])('TextEncoder#encode(%#) is exact-size and unshared', (text) => {
    const bytes = new TextEncoder().encode(text);
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.byteLength]);
    expect(new TextEncoder().encode(text).buffer).not.toBe(bytes.buffer);
  });
});

// Shapes from real fix commits: a backing store returned as the bytes, the store of a fresh sub-view,
// a view narrowed by `ArrayBuffer.isView`, and (typed) values typed ArrayBufferView.
describe('real shapes', () => {
  const relCode = `import * as net from 'node:net';
export function pcm(socket: net.Socket, play: (s: Int16Array) => void, raw: (s: Uint8Array) => void) {
  socket.on('data', (chunk) => {
    play(new Int16Array(chunk.buffer, 2, (chunk.length - 2) >> 1));
    raw(new Uint8Array(chunk.buffer, 4, 8));
  });
}
`;
  const headCode = `function head(view: Uint8Array) {
  return view.subarray(0, 4);
}
export function send(ws: WebSocket, view: Uint8Array) {
  const h = head(view);
  ws.send(h.buffer);
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // A test of the view's bounds decides when the store is exactly its bytes.
        `export function toArrayBuffer(view: unknown) {
  if (ArrayBuffer.isView(view)) {
    if (view.byteLength === view.buffer.byteLength) return view.buffer;
    return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  }
  return undefined;
}
`,
        // A same-file helper every one of whose returns owns its store.
        `function toBytes(text: string) {
  return new TextEncoder().encode(text);
}
function copyOf(view: Uint8Array) {
  return Uint8Array.prototype.slice.call(view) as Uint8Array;
}
export function send(ws: WebSocket, text: string, view: Uint8Array) {
  const bytes = toBytes(text);
  ws.send(bytes.buffer);
  const copy = copyOf(view);
  ws.send(copy.buffer);
}
`,
        // A constant offset into a store the code made starts at the store's first byte: right.
        `export function header(): Uint8Array {
  const own = new Uint8Array(64);
  return new Uint8Array(own.buffer, 4, 8);
}
`,
        // A constant added to the view's own start is right.
        `import * as net from 'node:net';
export function watch(socket: net.Socket, raw: (s: Uint8Array) => void) {
  socket.on('data', (chunk) => raw(new Uint8Array(chunk.buffer, chunk.byteOffset + 4, 8)));
}
`,
        // A typed array made here owns its whole store.
        `export function zeros(n: number) {
  const bytes = new Uint8Array(n);
  return bytes.buffer;
}
`,
        // Returning the store of something not known to be a view.
        `export function storeOf(holder: { buffer: ArrayBuffer }) {
  return holder.buffer;
}
`,
        // A body whose bytes are a typed array made for it: it owns its whole store.
        `export class Body {
  private bytes = new Uint8Array(16);
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bytes.buffer);
  }
}
`,
        // A declared Uint8Array's store handed back by a function that does not promise the bytes.
        `export class Frame {
  private payload?: Uint8Array;
  storage() {
    return this.payload?.buffer;
  }
}
`,
      ],
      invalid: [
        {
          // whatwg-node's Body: arrayBuffer() must give the body's bytes; a Uint8Array field may be a pool slice.
          code: `declare function fakePromise<T>(value: T): Promise<T>;
export class Body {
  private _buffer?: Uint8Array;
  constructor(buffer?: Uint8Array) {
    this._buffer = buffer;
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    if (this._buffer) {
      return fakePromise(this._buffer.buffer as ArrayBuffer);
    }
    return Promise.resolve(new ArrayBuffer(0));
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'this._buffer.buffer',
                view: 'this._buffer',
                sink: 'it is returned as the bytes, and every caller gets all of it',
              },
              line: 9,
              column: 26,
              endLine: 9,
              endColumn: 45,
              suggestions: [],
            },
          ],
        },
        {
          // A constant offset counts from the store's first byte, not the chunk's: other bytes. A wider
          // view gets no suggestion (its aligned start is not known).
          code: relCode,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'chunk.buffer',
                view: 'chunk',
                sink: '`new Int16Array()` without `chunk.byteOffset` and `chunk.byteLength` covers bytes outside the view',
              },
              line: 4,
              column: 25,
              suggestions: [],
            },
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'chunk.buffer',
                view: 'chunk',
                sink: '`new Uint8Array()` without `chunk.byteOffset` and `chunk.byteLength` covers bytes outside the view',
              },
              line: 5,
              column: 24,
              suggestions: [{ messageId: 'passViewBounds', output: relCode.replace('chunk.buffer, 4, 8', 'chunk.buffer, chunk.byteOffset + 4, 8') }],
            },
          ],
        },
        {
          code: `export function decodeBase64(value: string | undefined) {
  return typeof value === 'string' ? Buffer.from(value, 'base64').buffer : undefined;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: "Buffer.from(value, 'base64').buffer",
                view: "Buffer.from(value, 'base64')",
                sink: 'it is returned as the bytes, and every caller gets all of it',
              },
              line: 2,
              column: 38,
              endLine: 2,
              endColumn: 73,
              suggestions: [],
            },
          ],
        },
        {
          code: `import { readFile } from 'node:fs/promises';
export async function tarball(path: string) {
  return (await readFile(path)).buffer as ArrayBuffer;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: '(await readFile(path)).buffer',
                view: 'await readFile(path)',
                sink: 'it is returned as the bytes, and every caller gets all of it',
              },
              line: 3,
              column: 10,
              endLine: 3,
              endColumn: 39,
              suggestions: [],
            },
          ],
        },
        {
          code: `export function toArrayBuffer(input: unknown) {
  if (ArrayBuffer.isView(input)) return input.buffer;
  return undefined;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'input.buffer', view: 'input', sink: 'it is returned as the bytes, and every caller gets all of it' },
              line: 2,
              column: 41,
              endLine: 2,
              endColumn: 53,
              suggestions: [],
            },
          ],
        },
        {
          // The store of a view cut a moment ago is never its bytes, whatever reads it.
          code: `export function capture(heap: Int32Array, offset: number, save: (bytes: ArrayBuffer) => void) {
  save(heap.subarray(0, offset).buffer);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'heap.subarray(0, offset).buffer',
                view: 'heap.subarray(0, offset)',
                sink: 'the view was just cut from a larger ArrayBuffer, and whatever reads `heap.subarray(0, offset).buffer` gets all of it',
              },
              line: 2,
              column: 8,
              endLine: 2,
              endColumn: 39,
              suggestions: [],
            },
          ],
        },
        {
          // `ArrayBuffer.isView` narrows to ArrayBufferView: a view, whatever its class.
          code: `export function keyBytes(input: unknown) {
  if (ArrayBuffer.isView(input)) {
    return new Uint8Array(input.buffer).buffer;
  }
  return undefined;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'input.buffer',
                view: 'input',
                sink: '`new Uint8Array()` without `input.byteOffset` and `input.byteLength` covers bytes outside the view',
              },
              line: 3,
              column: 27,
              endLine: 3,
              endColumn: 39,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function keyBytes(input: unknown) {
  if (ArrayBuffer.isView(input)) {
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength).buffer;
  }
  return undefined;
}
`,
                },
              ],
            },
          ],
        },
        {
          code: `export function bytesOf(object: NodeJS.ArrayBufferView) {
  return new Uint8Array(object.buffer);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'object.buffer',
                view: 'object',
                sink: '`new Uint8Array()` without `object.byteOffset` and `object.byteLength` covers bytes outside the view',
              },
              line: 2,
              column: 25,
              endLine: 2,
              endColumn: 38,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function bytesOf(object: NodeJS.ArrayBufferView) {
  return new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [
        {
          // A helper that returns a view is no owner (typed: the helper's result is a Uint8Array).
          code: headCode,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'h.buffer', view: 'h', sink: '`ws.send()` writes all of it' },
              line: 6,
              column: 11,
              endLine: 6,
              endColumn: 19,
              suggestions: [{ messageId: 'viewExactly', output: headCode.replace('ws.send(h.buffer)', 'ws.send(new Uint8Array(h.buffer, h.byteOffset, h.byteLength))') }],
            },
          ],
        },
    ] },
  );
});

// What a same-file function returns is known by its returns: `this.buffer()` resolving with
// `Buffer.concat(parts)` (a pool slice when small), handed to `.then((buf) => …)` or awaited.
describe('what a same-file function returns', () => {
  const blob = (use: string) => `export class PonyBlob {
  parts: Buffer[] = [];
  async buffer() {
    return Buffer.concat(this.parts);
  }
  ${use}
}
`;
  const returned = (line: number, column: number) => ({
    messageId: 'backingStoreEscape' as const,
    data: { buffer: 'buf.buffer', view: 'buf', sink: 'it is returned as the bytes, and every caller gets all of it' },
    line,
    column,
    endLine: line,
    endColumn: column + 10,
    suggestions: [],
  });
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // Every return owns its store.
        `export class Sized {
  async make(n: number) {
    return Buffer.alloc(n);
  }
  arrayBuffer(n: number) {
    return this.make(n).then((buf) => buf.buffer);
  }
}
`,
        // Not every return is a Buffer: the value may be anything with a `buffer` field.
        `export class Loose {
  pick(flag: boolean) {
    if (flag) return Buffer.from('a');
    return { buffer: new ArrayBuffer(1) };
  }
  raw(flag: boolean) {
    return Promise.resolve(1).then(() => this.pick(flag)).then((box) => box.buffer);
  }
}
`,
      ],
      invalid: [
        { code: blob('arrayBuffer() {\n    return this.buffer().then((buf) => buf.buffer);\n  }'), output: null, errors: [returned(7, 40)] },
        { code: blob('async arrayBuffer() {\n    const buf = await this.buffer();\n    return buf.buffer;\n  }'), output: null, errors: [returned(8, 12)] },
        {
          code: blob('send(ws: { send(data: ArrayBufferLike | Uint8Array): void }) {\n    return this.buffer().then((buf) => ws.send(buf.buffer));\n  }'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'buf.buffer', view: 'buf', sink: '`ws.send()` writes all of it' },
              line: 7,
              column: 48,
              endLine: 7,
              endColumn: 58,
              suggestions: [
                {
                  messageId: 'viewExactly',
                  output: blob('send(ws: { send(data: ArrayBufferLike | Uint8Array): void }) {\n    return this.buffer().then((buf) => ws.send(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)));\n  }'),
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

/** A report of `buffer` (the store of `view`) with the sink's label, and the exact-copy suggestion when one is offered. */
const handed = (buffer: string, view: string, sink: string, line: number, column: number, suggestion?: string) => ({
  messageId: 'backingStoreEscape' as const,
  data: { buffer, view, sink },
  line,
  column,
  endLine: line,
  endColumn: column + buffer.length,
  suggestions: suggestion === undefined ? [] : [{ messageId: 'copyExactly' as const, output: suggestion }],
});

// Real fixes had these shapes: a proven view's store handed to code the rule has no table entry for
// (undici's Blob parts, extism's blocks, chrome-net's `send(id, buffer)` through a variable).
describe('a store handed on to other code', () => {
  const parts = (use: string) => `import { types } from 'node:util';
export function collect(items: unknown[], bytes: unknown[]) {
  for (const element of items) {
    if (types.isTypedArray(element)) {
      ${use}
    }
  }
}
`;
  const blocks = (body: string) => `declare class Block { constructor(store: ArrayBufferLike, owned: boolean) }
const blocks: Block[] = [];
export function store(input: unknown) {
  if (input instanceof Uint8Array) {
${body}
  }
  return blocks.length;
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // The function reads the view's bounds: it has decided when the store is the bytes.
        blocks('    if (input.byteOffset === 0 && input.byteLength === input.buffer.byteLength) blocks.push(new Block(input.buffer, true));'),
        // The store taken for its identity, tested or printed, not read.
        `const seen = new WeakMap<ArrayBufferLike, number>();
export function mark(chunk: Buffer) {
  if (seen.has(chunk.buffer)) return seen.get(chunk.buffer);
  seen.set(chunk.buffer, chunk.length);
  console.log(chunk.buffer);
  return Object.is(chunk.buffer, null);
}
`,
        // A typed array made here owns its whole store.
        `export function make(n: number, sink: (b: ArrayBuffer) => void) {
  const samples = new Float32Array(n);
  sink(samples.buffer);
}
`,
        // A value of unknown kind: its `buffer` may be anything.
        `export function pass(thing: any, sink: (b: unknown) => void) {
  sink(thing.buffer);
}
`,
        // A transfer list: moving the store is its purpose.
        `export function post(data: Uint8Array, transfer: ArrayBuffer[]) {
  if (data instanceof Uint8Array) transfer.push(data.buffer as ArrayBuffer);
}
`,
        // A reader class named like a Buffer: its `readInt8` proves nothing (`readInt32` is no Buffer method).
        {
          code: `module.exports = (size, decoder) => {
  const remaining = Buffer.byteLength(decoder.slice(size).buffer);
  return decoder.readInt32() + decoder.readInt8() + remaining;
};
`,
          filename: 'file.js',
        },
      ],
      invalid: [
        {
          code: parts('bytes.push(element.buffer);'),
          output: null,
          errors: [handed('element.buffer', 'element', '`bytes.push()` keeps all of it', 5, 18, parts('bytes.push(element.buffer.slice(element.byteOffset, element.byteOffset + element.byteLength));'))],
        },
        {
          code: blocks('    blocks.push(new Block(input.buffer, true));'),
          output: null,
          errors: [handed('input.buffer', 'input', '`new Block()` is handed all of it', 5, 27, blocks('    blocks.push(new Block(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength), true));'))],
        },
        // Through a variable, in the branch that takes the store whole; the other branch's write never reaches it.
        {
          code: `declare const chrome: { sockets: { udp: { send(id: number, data: ArrayBuffer, cb: () => void): void } } };
export function send(id: number, buffer: any, offset: number, length: number) {
  if (!Buffer.isBuffer(buffer)) buffer = Buffer.from(buffer);
  if (offset || length !== buffer.length) buffer = buffer.buffer.slice(offset, length);
  else buffer = buffer.buffer;
  chrome.sockets.udp.send(id, buffer, () => {});
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'buffer.buffer', view: 'buffer', sink: '`.slice()` of it copies bytes outside the view' },
              line: 4,
              column: 52,
              endLine: 4,
              endColumn: 65,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `declare const chrome: { sockets: { udp: { send(id: number, data: ArrayBuffer, cb: () => void): void } } };
export function send(id: number, buffer: any, offset: number, length: number) {
  if (!Buffer.isBuffer(buffer)) buffer = Buffer.from(buffer);
  if (offset || length !== buffer.length) buffer = buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + length);
  else buffer = buffer.buffer;
  chrome.sockets.udp.send(id, buffer, () => {});
}
`,
                },
              ],
            },
            handed('buffer.buffer', 'buffer', 'it is kept in `buffer`, and `chrome.sockets.udp.send()` is handed all of it', 5, 17),
          ],
        },
        // A field's store kept in a variable, then pushed.
        {
          code: `declare function joinAll(parts: ArrayBufferLike[]): ArrayBuffer;
export class TokenRequest {
  constructor(readonly blindedMsg: Uint8Array) {}
  serialize(): Uint8Array {
    const output: ArrayBufferLike[] = [];
    const b = this.blindedMsg.buffer;
    output.push(b);
    return new Uint8Array(joinAll(output));
  }
}
`,
          output: null,
          errors: [handed('this.blindedMsg.buffer', 'this.blindedMsg', 'it is kept in `b`, and `output.push()` keeps all of it', 6, 15)],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Shapes of real fixes, second round: DataStream's `memcpy(…, arr.buffer, 0, arr.byteLength)`, notepack's
// `length = (value.buffer || value).byteLength`, engine.io-parser's `callback(… : data.buffer)` under
// `data instanceof ArrayBuffer || isView(data)`, ffjavascript's `new Uint32Array(buff.buffer, o, n)`.
describe('a length without an offset, a store measured whole, a view or a store', () => {
  const copy = (args: string) => `declare function memcpy(dst: ArrayBufferLike, at: number, src: ArrayBufferLike, from: number, n: number): void;
export function writeInt32Array(dst: ArrayBuffer, at: number, arr: unknown) {
  if (arr instanceof Int32Array && at % 4 === 0) {
    memcpy(dst, at, ${args});
  }
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // The offset travels with the length.
        copy('arr.buffer, arr.byteOffset, arr.byteLength'),
        // The store's length compared with the view's: a decision, not a length to work on.
        {
          code: `function whole(value) {
  var store = value.buffer || value;
  var spans = store.byteLength === value.byteLength;
  return spans;
}
module.exports = whole;
`,
          filename: 'file.js',
        },
        // Without the view test the value may be anything with a `buffer`.
        {
          code: `export function send(data: any, callback: (b: unknown) => void) {
  callback(data instanceof ArrayBuffer ? data : data.buffer);
}
`,
        },
      ],
      invalid: [
        {
          code: copy('arr.buffer, 0, arr.byteLength'),
          output: null,
          errors: [handed('arr.buffer', 'arr', '`memcpy()` is handed all of it', 4, 21, copy('arr.buffer.slice(arr.byteOffset, arr.byteOffset + arr.byteLength), 0, arr.byteLength'))],
        },
        {
          code: `function encode(value) {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    var arraybuffer = value.buffer || value;
    var length = arraybuffer.byteLength;
    return [length, arraybuffer];
  }
  return [];
}
module.exports = encode;
`,
          filename: 'file.js',
          output: null,
          errors: [handed('value.buffer', 'value', "it is kept in `arraybuffer`, and `arraybuffer.byteLength` is the whole store's length, not the view's", 3, 23)],
        },
        {
          code: `const isView = (obj: unknown) => ArrayBuffer.isView(obj);
export function send(data: any, callback: (b: unknown) => void) {
  if (data instanceof ArrayBuffer || isView(data)) {
    callback(data instanceof ArrayBuffer ? data : data.buffer);
  }
}
`,
          output: null,
          errors: [handed('data.buffer', 'data', '`callback()` is handed all of it', 4, 51)],
        },
        // `Readonly<Uint8Array>` is a Uint8Array: typed mode reports it as untyped does.
        {
          code: `export function decodePng(data: Readonly<Uint8Array>): number {
  const view = new DataView(data.buffer);
  return view.getUint32(0);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'data.buffer', view: 'data', sink: '`new DataView()` without `data.byteOffset` and `data.byteLength` covers bytes outside the view' },
              line: 2,
              column: 29,
              endLine: 2,
              endColumn: 40,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function decodePng(data: Readonly<Uint8Array>): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return view.getUint32(0);
}
`,
                },
              ],
            },
          ],
        },
        // `Buffer#slice` is a view like `subarray`: its store is never its bytes, whatever reads it.
        {
          code: `export class Frame {
  store: ArrayBufferLike = new ArrayBuffer(0);
  take(body: string) {
    const buf = Buffer.from(body, 'utf8');
    this.store = buf.slice(2, 10).buffer;
  }
}
`,
          output: null,
          errors: [
            handed(
              'buf.slice(2, 10).buffer',
              'buf.slice(2, 10)',
              'the view was just cut from a larger ArrayBuffer, and whatever reads `buf.slice(2, 10).buffer` gets all of it',
              5,
              18,
            ),
          ],
        },
        {
          code: `function fromRprLE(buff, o, n8) {
  n8 = n8 || buff.byteLength;
  const v = new Uint32Array(buff.buffer, o, n8 / 4);
  return Array.from(v);
}
module.exports = fromRprLE;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: {
                buffer: 'buff.buffer',
                view: 'buff',
                sink: '`new Uint32Array()` without `buff.byteOffset` and `buff.byteLength` covers bytes outside the view',
              },
              line: 3,
              column: 29,
              endLine: 3,
              endColumn: 40,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('a view replaced by its store, offsets that are not the view\'s, a view kept in a field', () => {
  const message = (buffer: string, view: string, sink: string) => ({ buffer, view, sink });
  const replacedIn = (name: string) => `\`${name}\` is replaced by it, and whatever reads \`${name}\` after this starts at the store's first byte`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // The function reads where the view starts: it has decided when the store is the bytes.
        {
          code: `function MemoryView(buffer, byteOffset, byteLength) {
  if (buffer.buffer) {
    byteOffset = (byteOffset || 0) + buffer.byteOffset;
    buffer = buffer.buffer;
  }
  return new DataView(buffer, byteOffset, byteLength);
}
module.exports = MemoryView;
`,
          filename: 'file.js',
        },
        // Nothing says what `msg` is, and nothing after it reads `msg` as an ArrayBuffer.
        {
          code: `function unwrap(msg) {
  if (msg.buffer) msg = msg.buffer;
  return send(msg);
}
module.exports = unwrap;
`,
          filename: 'file.js',
        },
        // The choice kept in a local and only measured stays quiet (a local's reads are followed instead).
        `export function size(data: Uint8Array | ArrayBuffer) {
  const store = ArrayBuffer.isView(data) ? data.buffer : data;
  return store.byteLength > 0;
}
`,
        // An offset that derives from the view's own `byteOffset`, and a slice bounded by it.
        `export class Palette {
  constructor(private readonly view: DataView, private readonly start: number) {}
  rgb(index: number): Uint8Array {
    const at = this.view.byteOffset + this.start + index * 3;
    return new Uint8Array(this.view.buffer.slice(at, at + 3));
  }
}
`,
        // Shapes found on real code (the HEADs of the incident repositories), none a leak:
        // a Buffer's `offset` (Node's alias of `byteOffset`) as the bounds (node-cbor's tests);
        {
          code: `function bytes(buf) {
  return buf.buffer.slice(buf.offset, buf.offset + buf.length);
}
module.exports = bytes;
`,
          filename: 'file.js',
        },
        // a holder's `buffer` field read from an explicit 0 (pdf.js's streams own their arrays);
        {
          code: `function dump(stream) {
  return new Uint8Array(stream.buffer.buffer, 0, stream.bufferLength);
}
module.exports = dump;
`,
          filename: 'file.js',
        },
        // an offset kept by another object than the view's holder (opentype.js's table entries).
        {
          code: `function table(data, tableEntry) {
  return new Uint8Array(data.buffer, tableEntry.offset + 2, tableEntry.length);
}
module.exports = table;
`,
          filename: 'file.js',
        },
        // A view over a store this code made whole: its offset is the store's.
        `export function float64(n: number) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer, 0, 8).setFloat64(0, n, true);
  return bytes;
}
`,
      ],
      invalid: [
        // ifvms.js: "a typed array" (anything with a `buffer`) replaced by its store, then read by a DataView.
        {
          code: `function MemoryView(buffer, byteOffset, byteLength) {
  if (typeof buffer === 'number') {
    buffer = new ArrayBuffer(buffer);
  }
  if (buffer.buffer) {
    buffer = buffer.buffer;
  }
  return new DataView(buffer, byteOffset, byteLength);
}
module.exports = MemoryView;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('buffer.buffer', 'buffer', replacedIn('buffer')),
              line: 6,
              column: 14,
              endLine: 6,
              endColumn: 27,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `function MemoryView(buffer, byteOffset, byteLength) {
  if (typeof buffer === 'number') {
    buffer = new ArrayBuffer(buffer);
  }
  if (buffer.buffer) {
    buffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  }
  return new DataView(buffer, byteOffset, byteLength);
}
module.exports = MemoryView;
`,
                },
              ],
            },
          ],
        },
        // jDataView: a proven Uint8Array replaced by its store, one side of a choice.
        {
          code: `function wrapBuffer(buffer) {
  if (!(buffer instanceof ArrayBuffer)) {
    buffer = buffer instanceof Uint8Array ? buffer.buffer : new Uint8Array(buffer).buffer;
  }
  return buffer;
}
module.exports = wrapBuffer;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('buffer.buffer', 'buffer', replacedIn('buffer')),
              line: 3,
              column: 45,
              endLine: 3,
              endColumn: 58,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `function wrapBuffer(buffer) {
  if (!(buffer instanceof ArrayBuffer)) {
    buffer = buffer instanceof Uint8Array ? buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) : new Uint8Array(buffer).buffer;
  }
  return buffer;
}
module.exports = wrapBuffer;
`,
                },
              ],
            },
          ],
        },
        // rune's Tensor: the choice kept in a field stands for the view there (typed: `ArrayBuffer & ArrayBufferView` is a view).
        {
          code: `export class Tensor {
  readonly elements: ArrayBuffer;
  constructor(elements: ArrayBuffer) {
    this.elements = ArrayBuffer.isView(elements) ? elements.buffer : elements;
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('elements.buffer', 'elements', "`this.elements` holds it in place of `elements`, and whatever reads it starts at the store's first byte"),
              line: 4,
              column: 52,
              endLine: 4,
              endColumn: 67,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `export class Tensor {
  readonly elements: ArrayBuffer;
  constructor(elements: ArrayBuffer) {
    this.elements = ArrayBuffer.isView(elements) ? elements.buffer.slice(elements.byteOffset, elements.byteOffset + elements.byteLength) : elements;
  }
}
`,
                },
              ],
            },
          ],
        },
        // The same choice inside a test for a missing value: the innermost choice is the one whose other side stands for the view.
        {
          code: `export class Tensor {
  readonly elements: ArrayBuffer | null;
  constructor(elements: ArrayBuffer | null) {
    this.elements = elements === null ? null : ArrayBuffer.isView(elements) ? elements.buffer : elements;
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('elements.buffer', 'elements', "`this.elements` holds it in place of `elements`, and whatever reads it starts at the store's first byte"),
              line: 4,
              column: 79,
              endLine: 4,
              endColumn: 94,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `export class Tensor {
  readonly elements: ArrayBuffer | null;
  constructor(elements: ArrayBuffer | null) {
    this.elements = elements === null ? null : ArrayBuffer.isView(elements) ? elements.buffer.slice(elements.byteOffset, elements.byteOffset + elements.byteLength) : elements;
  }
}
`,
                },
              ],
            },
          ],
        },
        // png-codec: a DataView field's store sliced at offsets counted in the view (arithmetic over fields and parameters).
        {
          code: `export class Palette {
  constructor(private readonly view: DataView, private readonly start: number) {}
  rgb(index: number): Uint8Array {
    return new Uint8Array(this.view.buffer.slice(this.start + index * 3, this.start + index * 3 + 3));
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('this.view.buffer', 'this.view', '`.slice()` of it copies bytes outside the view'),
              line: 4,
              column: 27,
              endLine: 4,
              endColumn: 43,
              suggestions: [],
            },
          ],
        },
        // compact-encoding: `state.buffer.buffer` says `state.buffer` is a view; `state.start` counts in it.
        {
          code: `exports.float64 = {
  encode(state, n) {
    const view = new DataView(state.buffer.buffer, state.start, 8);
    view.setFloat64(0, n, true);
    state.start += 8;
  },
};
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('state.buffer.buffer', 'state.buffer', '`new DataView()` without `state.buffer.byteOffset` and `state.buffer.byteLength` covers bytes outside the view'),
              line: 3,
              column: 31,
              endLine: 3,
              endColumn: 50,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `exports.float64 = {
  encode(state, n) {
    const view = new DataView(state.buffer.buffer, state.buffer.byteOffset + state.start, 8);
    view.setFloat64(0, n, true);
    state.start += 8;
  },
};
`,
                },
              ],
            },
          ],
        },
        // restructure: the class keeps its bytes in `this.buffer`; their store wrapped whole is not them.
        {
          code: `export class EncodeStream {
  constructor(buffer) {
    this.buffer = buffer;
    this.view = new DataView(this.buffer.buffer);
    this.pos = 0;
  }
}
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: message('this.buffer.buffer', 'this.buffer', '`new DataView()` without `this.buffer.byteOffset` and `this.buffer.byteLength` covers bytes outside the view'),
              line: 4,
              column: 30,
              endLine: 4,
              endColumn: 48,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export class EncodeStream {
  constructor(buffer) {
    this.buffer = buffer;
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
    this.pos = 0;
  }
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('views named as bytes, and conversions to an ArrayBuffer', () => {
  // typed-binary: a view's description (a plain object to the checker) read as a view with its offset and no
  // length: the same finding typed and untyped.
  const unwrapCode = (args: string) => `declare function unwrapBuffer(view: ArrayBufferView): { buffer: ArrayBufferLike; byteOffset: number };
export function writeSlice(out: number[], view: ArrayBufferView) {
  const unwrapped = unwrapBuffer(view);
  for (const byte of new Uint8Array(${args})) out.push(byte);
}
`;
  const unwrapped = (suggestions: { messageId: 'passViewBounds'; output: string }[]) => ({
    code: unwrapCode('unwrapped.buffer, unwrapped.byteOffset'),
    output: null,
    errors: [
      {
        messageId: 'backingStoreEscape' as const,
        data: { buffer: 'unwrapped.buffer', view: 'unwrapped', sink: '`new Uint8Array()` without `unwrapped.byteLength` covers bytes outside the view' },
        line: 4,
        column: 37,
        endLine: 4,
        endColumn: 53,
        ...(suggestions.length > 0 && { suggestions }),
      },
    ],
  });
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // A byte view's `length` is its byte length: right for a byte-wide view, and for a count of wider elements.
        `export function copyOf(bytes: Uint8Array) {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
export function words(bytes: Uint8Array) {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
`,
        // A holder's field (multer's `file.buffer` is a Buffer): not named as bytes.
        { code: `function toBlob(file) {\n  return new Blob([file.buffer], { type: file.mimetype });\n}\nmodule.exports = toBlob;\n`, filename: 'file.js' },
        // The conversion reads the view's bounds: it has decided when the store is the bytes.
        {
          code: `function toArrayBuffer(buf) {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) return buf.buffer;
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}
module.exports = toArrayBuffer;
`,
          filename: 'file.js',
        },
        // Not named as a conversion, and nothing says what `buf` is.
        { code: `function storeOf(buf) {\n  return buf.buffer;\n}\nmodule.exports = storeOf;\n`, filename: 'file.js' },
      ],
      invalid: [
        // axios: a library's own view test (`utils.isArrayBufferView`) narrows as `ArrayBuffer.isView` does.
        {
          code: `const utils = require('./utils');
module.exports = {
  transformRequest(data) {
    if (utils.isArrayBufferView(data)) {
      return data.buffer;
    }
    return data;
  },
};
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'data.buffer', view: 'data', sink: 'it is returned as the bytes, and every caller gets all of it' },
              line: 5,
              column: 14,
              endLine: 5,
              endColumn: 25,
              suggestions: [],
            },
          ],
        },
        // A Uint8Array's `length` taken as a count of 4-byte elements reads four times its bytes.
        {
          code: `export function words(bytes: Uint8Array) {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: '`new Uint32Array()` without `bytes.byteOffset` and `bytes.byteLength` covers bytes outside the view' },
              line: 2,
              column: 26,
              endLine: 2,
              endColumn: 38,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function words(bytes: Uint8Array) {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Uint32Array.BYTES_PER_ELEMENT);
}
`,
                },
              ],
            },
          ],
        },
        {
          code: `function toArrayBuffer(buf) {
  if (buf instanceof ArrayBuffer) return buf;
  return buf.buffer;
}
module.exports = toArrayBuffer;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'buf.buffer', view: 'buf', sink: '`toArrayBuffer()` returns it as the bytes, and every caller gets all of it' },
              line: 3,
              column: 10,
              endLine: 3,
              endColumn: 20,
              suggestions: [],
            },
          ],
        },
        {
          code: `async function digest(data) {
  return crypto.subtle.digest('SHA-256', data.buffer);
}
module.exports = digest;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'data.buffer', view: 'data', sink: '`crypto.subtle.digest()` reads all of it' },
              line: 2,
              column: 42,
              endLine: 2,
              endColumn: 53,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `async function digest(data) {
  return crypto.subtle.digest('SHA-256', data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
module.exports = digest;
`,
                },
              ],
            },
          ],
        },
        {
          code: `function toBlob(bytes) {
  return new Blob([bytes.buffer]);
}
module.exports = toBlob;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: '`new Blob()` stores all of it' },
              line: 2,
              column: 20,
              endLine: 2,
              endColumn: 32,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `function toBlob(bytes) {
  return new Blob([bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)]);
}
module.exports = toBlob;
`,
                },
              ],
            },
          ],
        },
      ],
    },
    // typed: no rewrite, since the object may have no `byteLength`
    { valid: [], invalid: [unwrapped([])] },
    // untyped: nothing says what `unwrapped` is, so the usual rewrite is offered
    {
      valid: [],
      invalid: [unwrapped([{ messageId: 'passViewBounds', output: unwrapCode('unwrapped.buffer, unwrapped.byteOffset, unwrapped.byteLength') }])],
    },
  );
});

// Maskbook's Arweave signing: @msgpack/msgpack's encode returns a view of a buffer it reuses (measured:
// 4 bytes over a 2,048-byte ArrayBuffer), so its `.buffer` sent as a body carries bytes past the message.
describe('a library view of a reused buffer', () => {
  const sign = (body: string) => `import { encode } from '@msgpack/msgpack';
async function makeRequest(value: unknown) {
  return encode([value, 1]);
}
export async function sign(url: string, value: unknown) {
  return fetch(url, { method: 'POST', body: ${body} });
}
`;
  const escaped = (buffer: string, view: string) => ({
    messageId: 'backingStoreEscape' as const,
    data: { buffer, view, sink: '`fetch()` sends all of it as the body' },
  });
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // The view itself, or an exact-size copy.
        sign('await makeRequest(value)'),
        sign('Uint8Array.from(await makeRequest(value)).buffer'),
        // An `encode` of another module is not the library's.
        `import { encode } from './codec';
export async function send(url: string, value: unknown) {
  return fetch(url, { method: 'POST', body: encode(value).buffer });
}
`,
      ],
      invalid: [
        {
          code: sign('(await makeRequest(value)).buffer'),
          output: null,
          errors: [{ ...escaped('(await makeRequest(value)).buffer', 'await makeRequest(value)'), line: 6, column: 45, endLine: 6, endColumn: 78, suggestions: [] }],
        },
        {
          code: `import * as msgpack from '@msgpack/msgpack';
export async function send(url: string, value: unknown) {
  return fetch(url, { method: 'POST', body: msgpack.encode(value).buffer });
}
`,
          output: null,
          errors: [{ ...escaped('msgpack.encode(value).buffer', 'msgpack.encode(value)'), line: 3, column: 45, endLine: 3, endColumn: 73, suggestions: [] }],
        },
        {
          code: `import { encode } from '@msgpack/msgpack';
export async function send(url: string, value: unknown) {
  const packed = encode(value);
  return fetch(url, { method: 'POST', body: packed.buffer });
}
`,
          output: null,
          errors: [
            {
              ...escaped('packed.buffer', 'packed'),
              line: 4,
              column: 45,
              endLine: 4,
              endColumn: 58,
              suggestions: [
                {
                  messageId: 'viewExactly',
                  output: `import { encode } from '@msgpack/msgpack';
export async function send(url: string, value: unknown) {
  const packed = encode(value);
  return fetch(url, { method: 'POST', body: new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength) });
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// img's QOI codecs: `input` may be a subarray of a larger buffer. The header was read through a DataView of the
// whole store at fixed offsets, and the store was grown with `transfer()` and read from 0.
describe("a store moved with transfer(), and bounds the function applies where it reads", () => {
  const decode = (header: string, grow: string) => `export function decode(input: Uint8Array, size: number): Uint8Array {
${header}
${grow}
  return output;
}
`;
  const leakyHeader = '  const view = new DataView(input.buffer);\n  const width = view.getUint32(4);';
  const leakyGrow = '  const output = new Uint8Array(input.buffer.transfer(size));';
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // The offset applied at each read, and the bytes moved to the front of the store before the transfer (the fix).
        decode(
          '  const view = new DataView(input.buffer);\n  const width = view.getUint32(4 + input.byteOffset);',
          '  if (input.byteOffset) {\n    const all = new Uint8Array(input.buffer);\n    all.set(input);\n    input = all.subarray(0, input.length);\n  }\n  const output = new Uint8Array(input.buffer.transfer(size + width));',
        ),
        // A typed array the function made owns its whole store.
        `export function grow(size: number): Uint8Array {
  const own = new Uint8Array(16);
  return new Uint8Array(own.buffer.transfer(size));
}
`,
      ],
      invalid: [
        // Another branch that passes the bounds does not excuse this one (merkletreejs's bufferify).
        {
          code: `export function bufferify(value: unknown): Buffer {
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer);
  } else if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return Buffer.alloc(0);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'value.buffer', view: 'value', sink: '`Buffer.from()` without `value.byteOffset` and `value.byteLength` covers bytes outside the view' },
              line: 3,
              column: 24,
              endLine: 3,
              endColumn: 36,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function bufferify(value: unknown): Buffer {
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  } else if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return Buffer.alloc(0);
}
`,
                },
              ],
            },
          ],
        },
        {
          code: decode(leakyHeader, leakyGrow),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'input.buffer', view: 'input', sink: '`new DataView()` without `input.byteOffset` and `input.byteLength` covers bytes outside the view' },
              line: 2,
              column: 29,
              endLine: 2,
              endColumn: 41,
              suggestions: [{ messageId: 'passViewBounds', output: decode(leakyHeader.replace('new DataView(input.buffer)', 'new DataView(input.buffer, input.byteOffset, input.byteLength)'), leakyGrow) }],
            },
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'input.buffer', view: 'input', sink: "`.transfer()` of it moves the whole store, in which the view's bytes start at its `byteOffset`, not at 0" },
              line: 4,
              column: 33,
              endLine: 4,
              endColumn: 45,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// vscode-js-debug's memory readers run with `this` the debuggee's binary value, declared in the `this` parameter.
describe('a declared `this` that may be a view', () => {
  const leaky = `export function readMemory(this: DataView | Uint8Array | ArrayBuffer, start: number, count: number) {
  const buffer: ArrayBuffer = this instanceof ArrayBuffer ? this : this.buffer;
  const len = buffer.byteLength;
  return new Uint8Array(buffer.slice(Math.min(start, len), Math.min(start + count, len)));
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // The fix: the view's own bounds; a WebAssembly memory's `buffer` is all of it, a DataView made over it.
        `export function readMemory(this: DataView | Uint8Array | ArrayBuffer | WebAssembly.Memory, start: number, count: number) {
  const { buffer, byteLength, byteOffset } = this instanceof ArrayBuffer ? new DataView(this) : this instanceof WebAssembly.Memory ? new DataView(this.buffer) : this;
  return new Uint8Array(buffer, byteOffset + Math.min(start, byteLength), count);
}
`,
        // A `this` declared as something else keeps `this.buffer` a field.
        `export function size(this: { buffer: ArrayBuffer }) {
  return new Uint8Array(this.buffer).length;
}
`,
      ],
      invalid: [
        {
          code: leaky,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.buffer', view: 'this', sink: "it is kept in `buffer`, and `buffer.byteLength` is the whole store's length, not the view's" },
              line: 2,
              column: 68,
              endLine: 2,
              endColumn: 79,
              suggestions: [],
            },
          ],
        },
        {
          code: `export function bytesOf(this: Uint8Array) {
  return new Uint8Array(this.buffer);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.buffer', view: 'this', sink: '`new Uint8Array()` without `this.byteOffset` and `this.byteLength` covers bytes outside the view' },
              line: 2,
              column: 25,
              endLine: 2,
              endColumn: 36,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function bytesOf(this: Uint8Array) {
  return new Uint8Array(this.buffer, this.byteOffset, this.byteLength);
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// undici's HTTP/1 client: llhttp's callbacks cut `new FastBuffer(currentBufferRef.buffer, start, len)` with `start`
// counted in the chunk, not in its store; the chunk is kept in a module variable that starts empty.
describe('a Buffer made by Buffer[Symbol.species] over a kept chunk', () => {
  const client = (start: string) => `const net = require('net');
const FastBuffer = Buffer[Symbol.species];
let currentRef = null;
function onStatus(parser, at, len) {
  const start = at - parser.base;
  return parser.onStatus(new FastBuffer(currentRef.buffer, ${start}, len));
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    currentRef = chunk;
    socket.parser.execute(chunk.length, onStatus);
    currentRef = null;
  });
});
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        client('currentRef.byteOffset + start'),
      ],
      invalid: [
        {
          code: client('start'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'currentRef.buffer', view: 'currentRef', sink: '`new FastBuffer()` without `currentRef.byteOffset` and `currentRef.byteLength` covers bytes outside the view' },
              line: 6,
              column: 41,
              endLine: 6,
              endColumn: 58,
              suggestions: [{ messageId: 'passViewBounds', output: client('currentRef.byteOffset + start') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe("the view's own bounds, not another name's", () => {
  const pair = (bounds: string) => `export function pair(view: Uint8Array, preview: Uint8Array) {
  return [Buffer.from(view.buffer${bounds}), Buffer.from(preview.buffer, preview.byteOffset, preview.byteLength)];
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [pair(', view.byteOffset, view.byteLength')],
      invalid: [
        {
          // `preview.byteOffset` in the statement is not `view`'s.
          code: pair(''),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'view.buffer', view: 'view', sink: '`Buffer.from()` without `view.byteOffset` and `view.byteLength` covers bytes outside the view' },
              line: 2,
              column: 23,
              endLine: 2,
              endColumn: 34,
              suggestions: [{ messageId: 'passViewBounds', output: pair(', view.byteOffset, view.byteLength') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Solana Kit's `toArrayBuffer`: a fast path handed back the whole store when the view started at 0 and kept its own
// length; a view cut from the front of a larger store passes that test. Only a test that compares the store's own
// length (`bytes.buffer.byteLength`) makes the fast path right.
describe("a fast path that returns the store without comparing the store's length", () => {
  const fast = (test: string) => `export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return ${test} ? (bytes.buffer as ArrayBuffer) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
`;
  const HELD_FIXED = `export function toArrayBuffer(bytes: Uint8Array, offset?: number, length?: number): ArrayBuffer {
  const bytesOffset = bytes.byteOffset + (offset ?? 0);
  const bytesLength = length ?? bytes.byteLength;
  let buffer: ArrayBuffer;
  if (typeof SharedArrayBuffer === 'undefined') {
    buffer = bytes.buffer as ArrayBuffer;
  } else if (bytes.buffer instanceof SharedArrayBuffer) {
    buffer = new ArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
  } else {
    buffer = bytes.buffer;
  }
  return bytesOffset === 0 && bytesLength === bytes.byteLength && bytes.byteLength === bytes.buffer.byteLength ? buffer : buffer.slice(bytesOffset, bytesOffset + bytesLength);
}
`;
  const label = "it is returned whole when the view's bounds pass the test, but the test never compares them with the store's `bytes.buffer.byteLength`: a view that starts at 0 can still be shorter than its store";
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        fast('bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength'),
        // The whole store, measured through the variable that holds it.
        `export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer as ArrayBuffer;
  if (bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  return buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
`,
        // Not returned: the branch is read on the spot.
        `export function first(bytes: Uint8Array): number {
  const view = new DataView(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer);
  return view.getUint8(0);
}
`,
      ],
      invalid: [
        {
          code: fast('bytes.byteOffset === 0'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: label },
              line: 2,
              column: 36,
              endLine: 2,
              endColumn: 48,
              suggestions: [{ messageId: 'compareStoreLength', output: fast('bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength') }],
            },
          ],
        },
        {
          // A test that binds looser than `&&` is completed in parentheses.
          code: fast('bytes.byteOffset === 0 || bytes.byteLength === 0'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: label },
              line: 2,
              column: 62,
              endLine: 2,
              endColumn: 74,
              suggestions: [{ messageId: 'compareStoreLength', output: fast('(bytes.byteOffset === 0 || bytes.byteLength === 0) && bytes.byteLength === bytes.buffer.byteLength') }],
            },
          ],
        },
        {
          code: `export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0) {
    return bytes.buffer as ArrayBuffer;
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: label },
              line: 3,
              column: 12,
              endLine: 3,
              endColumn: 24,
              suggestions: [
                {
                  messageId: 'compareStoreLength',
                  output: `export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return bytes.buffer as ArrayBuffer;
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
`,
                },
              ],
            },
          ],
        },
        {
          // The store under an old-style assertion, and the choice under a non-null assertion: the same fast path.
          code: `export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return (bytes.byteOffset === 0 ? <ArrayBuffer>bytes.buffer : bytes.slice().buffer)!;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: label },
              line: 2,
              column: 49,
              endLine: 2,
              endColumn: 61,
              suggestions: [
                {
                  messageId: 'compareStoreLength',
                  output: `export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? <ArrayBuffer>bytes.buffer : bytes.slice().buffer)!;
}
`,
                },
              ],
            },
          ],
        },
        {
          // An optional chain returned from the fast path's `if`.
          code: `export function toArrayBuffer(bytes?: Uint8Array): ArrayBufferLike | undefined {
  if (bytes?.byteOffset === 0) return bytes?.buffer;
  return bytes?.slice().buffer;
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes?.buffer', view: 'bytes', sink: "it is returned whole when the view's bounds pass the test, but the test never compares them with the store's `bytes.buffer.byteLength`: a view that starts at 0 can still be shorter than its store" },
              line: 2,
              column: 39,
              endLine: 2,
              endColumn: 52,
              suggestions: [
                {
                  messageId: 'compareStoreLength',
                  output: `export function toArrayBuffer(bytes?: Uint8Array): ArrayBufferLike | undefined {
  if (bytes?.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes?.buffer;
  return bytes?.slice().buffer;
}
`,
                },
              ],
            },
          ],
        },
        {
          // A read-only view interface (typed, it is no typed array): the fast path itself says it is a view.
          code: `interface ReadonlyBytes extends Omit<Uint8Array, 'set' | 'fill'> {
  readonly [n: number]: number;
}
export function toArrayBuffer(bytes: ReadonlyBytes | Uint8Array): ArrayBufferLike {
  return bytes.byteOffset === 0 ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: label },
              line: 5,
              column: 35,
              endLine: 5,
              endColumn: 47,
              suggestions: [
                {
                  messageId: 'compareStoreLength',
                  output: `interface ReadonlyBytes extends Omit<Uint8Array, 'set' | 'fill'> {
  readonly [n: number]: number;
}
export function toArrayBuffer(bytes: ReadonlyBytes | Uint8Array): ArrayBufferLike {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
`,
                },
              ],
            },
          ],
        },
        {
          // The store held in a variable given it on two branches, and the bounds in variables made from the view's:
          // reported once, where the variable is returned.
          code: `export function toArrayBuffer(bytes: Uint8Array, offset?: number, length?: number): ArrayBuffer {
  const bytesOffset = bytes.byteOffset + (offset ?? 0);
  const bytesLength = length ?? bytes.byteLength;
  let buffer: ArrayBuffer;
  if (typeof SharedArrayBuffer === 'undefined') {
    buffer = bytes.buffer as ArrayBuffer;
  } else if (bytes.buffer instanceof SharedArrayBuffer) {
    buffer = new ArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
  } else {
    buffer = bytes.buffer;
  }
  return bytesOffset === 0 && bytesLength === bytes.byteLength ? buffer : buffer.slice(bytesOffset, bytesOffset + bytesLength);
}
`,
          output: null,
          errors: [{ messageId: 'backingStoreEscape', data: { buffer: 'bytes.buffer', view: 'bytes', sink: `it is kept in \`buffer\`, and ${label}` }, line: 13, column: 66, endLine: 13, endColumn: 72, suggestions: [{ messageId: 'compareStoreLength', output: HELD_FIXED }] }],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// webusb's `bufferSourceToBuffer`: the deprecated `new Buffer(store)` makes a Buffer over all of the store, as
// `Buffer.from(store)` does.
describe('the deprecated Buffer constructor over a store', () => {
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        `export function copyOf(bytes: Uint8Array): Buffer {
  return new Buffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
`,
      ],
      invalid: [
        {
          code: `export function toBuffer(source: ArrayBuffer | ArrayBufferView): Buffer {
  function isView(value: ArrayBuffer | ArrayBufferView): value is ArrayBufferView {
    return (value as ArrayBufferView).buffer !== undefined;
  }
  const arrayBuffer = isView(source) ? source.buffer : source;
  return new Buffer(arrayBuffer);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'source.buffer', view: 'source', sink: 'it is kept in `arrayBuffer`, and `new Buffer()` of it covers bytes outside the view' },
              line: 5,
              column: 40,
              endLine: 5,
              endColumn: 53,
              suggestions: [],
            },
          ],
        },
        {
          code: `export function wrap(bytes: Uint8Array): Buffer {
  return new Buffer(bytes.buffer);
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'bytes.buffer', view: 'bytes', sink: '`new Buffer()` without `bytes.byteOffset` and `bytes.byteLength` covers bytes outside the view' },
              line: 2,
              column: 21,
              endLine: 2,
              endColumn: 33,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function wrap(bytes: Uint8Array): Buffer {
  return new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// lib0's decoder: a class of plain JavaScript whose constructor's JSDoc says it is given a Uint8Array, and a
// reader whose JSDoc says its parameter is that class. A view made over `decoder.arr.buffer` at the decoder's
// own position reads from the store's first byte, not the array's.
describe('kinds declared by JSDoc', () => {
  const decoder = (offset: string) => `export class Decoder {
  /**
   * @param {Uint8Array} uint8Array
   */
  constructor(uint8Array) {
    this.arr = uint8Array;
    this.pos = 0;
  }
}
/**
 * @param {Decoder} decoder
 * @param {number} len
 */
export const readUint8Array = (decoder, len) => {
  const view = new Uint8Array(decoder.arr.buffer, ${offset}, len);
  decoder.pos += len;
  return view;
};
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [{ code: decoder('decoder.arr.byteOffset + decoder.pos'), filename: 'file.js' }],
      invalid: [
        {
          code: decoder('decoder.pos'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'decoder.arr.buffer', view: 'decoder.arr', sink: '`new Uint8Array()` without `decoder.arr.byteOffset` and `decoder.arr.byteLength` covers bytes outside the view' },
              line: 15,
              column: 31,
              endLine: 15,
              endColumn: 49,
              suggestions: [{ messageId: 'passViewBounds', output: decoder('decoder.arr.byteOffset + decoder.pos') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// fast-png's decoder (a class over an IOBuffer): one method made its CRC view at `this.byteOffset + this.offset`,
// another passed `new Uint8Array(this.buffer, this.offset, length)` to the inflater, read from the store's start.
describe("a class that views its own store from its own byteOffset", () => {
  const decoder = (idat: string) => `export default class PNGDecoder {
  crc(n) {
    return new Uint8Array(this.buffer, this.byteOffset + this.offset - n, n);
  }
  decodeIDAT(length) {
    this.inflator.push(new Uint8Array(this.buffer, ${idat}, length));
  }
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        decoder('this.byteOffset + this.offset'),
        // Without a view made from `this.byteOffset`, `this.buffer` is the class's own field.
        `export default class Reader {
  read(length) {
    return new Uint8Array(this.buffer, this.offset, length);
  }
}
`,
      ],
      invalid: [
        {
          code: decoder('this.offset'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.buffer', view: 'this', sink: '`new Uint8Array()` without `this.byteOffset` and `this.byteLength` covers bytes outside the view' },
              line: 6,
              column: 39,
              endLine: 6,
              endColumn: 50,
              suggestions: [{ messageId: 'passViewBounds', output: decoder('this.byteOffset + this.offset') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Hono's Node WebSocket adapter copied each binary message with `Buffer.from(data)` (a pool slice for small ones)
// and handed `buff.buffer` to the application as the event's `data`.
describe('a store put in an object handed to other code', () => {
  const adapter = (data: string) => `export function onMessage(events: { onMessage(event: MessageEvent): void }, data: Buffer, isBinary: boolean) {
  const buff: Buffer = Buffer.from(data);
  events.onMessage(new MessageEvent('message', { data: ${data} }));
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        adapter('isBinary ? buff : buff.toString()'),
        // The bounds travel in the same object.
        `export function describe(send: (o: object) => void, data: Buffer) {
  const buff: Buffer = Buffer.from(data);
  send({ store: buff.buffer, byteOffset: buff.byteOffset, byteLength: buff.byteLength });
}
`,
      ],
      invalid: [
        {
          code: adapter('buff.buffer'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'buff.buffer', view: 'buff', sink: '`new MessageEvent()` is handed all of it as `data`' },
              line: 3,
              column: 56,
              endLine: 3,
              endColumn: 67,
              suggestions: [{ messageId: 'copyExactly', output: adapter('buff.buffer.slice(buff.byteOffset, buff.byteOffset + buff.byteLength)') }],
            },
          ],
        },
        {
          code: adapter("isBinary ? buff.buffer : buff.toString('utf-8')"),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'buff.buffer', view: 'buff', sink: '`new MessageEvent()` is handed all of it as `data`' },
              line: 3,
              column: 67,
              endLine: 3,
              endColumn: 78,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// ably-js' Node buffer utilities: `toArrayBuffer` returned `this.toBuffer(buffer).buffer`, and `toBuffer` hands back
// its argument when `Buffer.isBuffer` says it is one, else `Buffer.from(…)`: a Buffer either way, often a pool slice.
describe('a helper that returns a Buffer on every path, one of them narrowed by Buffer.isBuffer', () => {
  const digest = (store: string) => `function toBuffer(value) {
  if (value instanceof Buffer) return value;
  return Buffer.from(value);
}
export function hash(value) {
  const out = toBuffer(value);
  // The digest of the message's bytes.
  return crypto.subtle.digest('SHA-256', ${store});
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        `export class BufferUtils {
  toArrayBuffer(buffer: Uint8Array | ArrayBuffer): ArrayBuffer {
    return this.toBytes(buffer).buffer as ArrayBuffer;
  }
  toBytes(buffer: Uint8Array | ArrayBuffer): Uint8Array {
    if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
    return new Uint8Array(buffer.length);
  }
}
`,
      ],
      invalid: [
        {
          code: `export class BufferUtils {
  toArrayBuffer(buffer) {
    return this.toBuffer(buffer).buffer;
  }
  toBuffer(buffer) {
    if (Buffer.isBuffer(buffer)) {
      return buffer;
    }
    return Buffer.from(buffer);
  }
}
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.toBuffer(buffer).buffer', view: 'this.toBuffer(buffer)', sink: 'it is returned as the bytes, and every caller gets all of it' },
              line: 3,
              column: 12,
              endLine: 3,
              endColumn: 40,
              suggestions: [],
            },
          ],
        },
        {
          code: digest('out.buffer'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'out.buffer', view: 'out', sink: '`crypto.subtle.digest()` reads all of it' },
              line: 8,
              column: 42,
              endLine: 8,
              endColumn: 52,
              suggestions: [{ messageId: 'copyExactly', output: digest('out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// webgl-lint's `bufferData` and `bufferSubData` checks: `const arrayBuffer = src.buffer ? src.buffer : src`, then
// `arrayBuffer.slice(srcOffset * elemSize, …)` and `new Uint8Array(arrayBuffer, srcOffset * elemSize, n)`: the caller's
// offset counts within the view, which starts at `src.byteOffset` in the store.
describe('a view-or-store choice kept in a variable, then read from an offset that is not the view\'s', () => {
  const sliced = (offset: string) => `export function keep(src, srcOffset = 0, length = 0) {
  const arrayBuffer = src.buffer ? src.buffer : src;
  return arrayBuffer.slice(${offset}, ${offset} + length);
}
`;
  const wrapped = (offset: string) => `export function view(args) {
  const [target, src, , srcOffset = 0] = args;
  const store = src.buffer || src;
  return new Uint8Array(store, ${offset}, 16);
}
`;
  const dgram = (bound: string) => `export function send(socket, buffer, offset, length) {
  if (!Buffer.isBuffer(buffer)) buffer = Buffer.from(buffer);
  var buf = buffer.buffer;
${bound}  if (offset || length !== buffer.length) buf = buf.slice(offset, length);
  socket.send(buf);
}
`;
  const error = (line: number, column: number, sink: string) => ({
    messageId: 'backingStoreEscape' as const,
    data: { buffer: 'src.buffer', view: 'src', sink },
    line,
    column,
    endLine: line,
    endColumn: column + 'src.buffer'.length,
    suggestions: [],
  });
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // chrome-dgram's fix: the variable is given the view's own bytes before the caller's offset is applied.
        dgram('  if (buffer.byteOffset || buffer.byteLength !== buf.byteLength) buf = buf.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);\n'),
        // The offset adds the view's own start (webgl-lint's fix), directly or through a variable.
        sliced('(src.buffer ? src.byteOffset : 0) + srcOffset'),
        `export function keep(src, srcOffset = 0, length = 0) {
  const arrayBuffer = src.buffer ? src.buffer : src;
  const viewOffset = src.buffer ? src.byteOffset : 0;
  return arrayBuffer.slice(viewOffset + srcOffset, viewOffset + srcOffset + length);
}
`,
        wrapped('(src.byteOffset || 0) + srcOffset'),
        // webgl-lint's HEAD: the view's start reaches the offset through two variables.
        `export function keep(src, srcOffset = 0, length = 0) {
  const arrayBuffer = src.buffer ? src.buffer : src;
  const viewOffset = src.byteOffset || 0;
  const offset = viewOffset + srcOffset;
  return arrayBuffer.slice(offset, offset + length);
}
`,
        // UTIF's encoder: a typed array the constructor made (or its own `slice` copy) owns its store.
        `export function strips(rgba, h, w) {
  var img = new Uint8Array(rgba);
  if (w > 1) img = img.slice(0);
  var parts = [];
  for (var y = 0; y < h; y++) parts.push(new Uint8Array(img.buffer, y * w * 4, w * 4));
  return parts;
}
`,
        // An element of a list that holds the view's start.
        `export function view(src) {
  const [offset] = [src.byteOffset || 0];
  const store = src.buffer || src;
  return new Uint8Array(store, offset, 16);
}
`,
      ],
      invalid: [
        { code: sliced('srcOffset'), output: null, errors: [error(2, 36, "it is kept in `arrayBuffer`, and `arrayBuffer.slice()` copies from the store's first byte, not the view's")] },
        {
          // A Buffer's store, sliced from the caller's offset in the assignment that replaces it.
          code: dgram(''),
          output: null,
          errors: [{ ...error(3, 13, "it is kept in `buf`, and `buf.slice()` copies from the store's first byte, not the view's"), data: { buffer: 'buffer.buffer', view: 'buffer', sink: "it is kept in `buf`, and `buf.slice()` copies from the store's first byte, not the view's" }, endColumn: 26 }],
        },
        { code: sliced('0'), output: null, errors: [error(2, 36, "it is kept in `arrayBuffer`, and `arrayBuffer.slice()` copies from the store's first byte, not the view's")] },
        {
          code: wrapped('srcOffset * 2'),
          output: null,
          errors: [error(3, 17, 'it is kept in `store`, and `new Uint8Array()` of it from an offset that does not add `src.byteOffset` reads bytes outside the view')],
        },
        {
          // Without the variable: an element of a list counts from the store's first byte too.
          code: `export function view(args) {
  const [target, src, , srcOffset = 0] = args;
  return new Uint8Array(src.buffer, srcOffset * 2, 16);
}
`,
          output: null,
          errors: [
            {
              ...error(3, 25, '`new Uint8Array()` without `src.byteOffset` and `src.byteLength` covers bytes outside the view'),
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export function view(args) {
  const [target, src, , srcOffset = 0] = args;
  return new Uint8Array(src.buffer, src.byteOffset + srcOffset * 2, 16);
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// interactEM's image component: `const Image: React.FC<ImageProps> = ({ imageData }) => …` with `imageData:
// Uint8Array | null` in `ImageProps`, and `new Blob([imageData.buffer as ArrayBuffer])`.
describe('a property taken apart from a parameter declared with an object type', () => {
  const component = (props: string, use: string) => `interface Picture {
  buffer: ArrayBuffer;
  width: number;
}
interface ImageProps {
  ${props};
}
export const Image: React.FC<ImageProps> = ({ imageData }) => {
  return new Blob([${use} as ArrayBuffer], { type: 'image/jpeg' });
};
`;
  const inline = (type: string) => `export function show({ data }: { data: ${type} }) {
  return new Blob([data.buffer]);
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        // Declared as a record of the file's own, whose `buffer` is its field.
        component('imageData: Picture', 'imageData.buffer'),
        `interface Picture {
  buffer: ArrayBuffer;
}
${inline('Picture')}`,
        // Bounded by the view's own.
        component('imageData: Uint8Array | null', 'imageData.buffer.slice(imageData.byteOffset, imageData.byteOffset + imageData.byteLength)'),
      ],
      invalid: [
        {
          code: component('imageData: Uint8Array | null', 'imageData.buffer'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'imageData.buffer', view: 'imageData', sink: '`new Blob()` stores all of it' },
              line: 9,
              column: 20,
              endLine: 9,
              endColumn: 36,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: component('imageData: Uint8Array | null', 'imageData.buffer.slice(imageData.byteOffset, imageData.byteOffset + imageData.byteLength)'),
                },
              ],
            },
          ],
        },
        {
          code: inline('Uint8Array'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'data.buffer', view: 'data', sink: '`new Blob()` stores all of it' },
              line: 2,
              column: 20,
              endLine: 2,
              endColumn: 31,
              suggestions: [{ messageId: 'copyExactly', output: inline('Uint8Array').replace('[data.buffer]', '[data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)]') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// amqp-client.js' `AMQPView extends DataView`: its string helpers wrapped `this.buffer` from an offset within the view.
describe('a DataView subclass reading its own store', () => {
  const view = (offset: string) => `export default class FrameView extends DataView {
  getShortString(byteOffset) {
    const len = this.getUint8(byteOffset);
    byteOffset += 1;
    const view = new Uint8Array(this.buffer, ${offset}, len);
    return new TextDecoder().decode(view);
  }
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [view('this.byteOffset + byteOffset')],
      invalid: [
        {
          code: view('byteOffset'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.buffer', view: 'this', sink: '`new Uint8Array()` without `this.byteOffset` and `this.byteLength` covers bytes outside the view' },
              line: 5,
              column: 33,
              endLine: 5,
              endColumn: 44,
              suggestions: [{ messageId: 'passViewBounds', output: view('this.byteOffset + byteOffset') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// pdf.js' viewer: `PDFJS.createBlob(data.buffer, 'application/pdf')`, a helper named for the Blob it makes; and
// JSZip's converter table, whose `uint8array` → `arraybuffer` entry returned `input.buffer` (the whole zip file).
describe('a Blob helper given a whole store, and a converter table returning a view parameter\'s store', () => {
  const download = (arg: string) => `export function download(doc, PDFJS) {
  return doc.getData().then(function (data) {
    return PDFJS.createBlob(${arg}, 'application/pdf');
  });
}
`;
  const table = (body: string, from = 'uint8array') => `var transform = {};
transform['${from}'] = {
  array: function (input) {
    return Array.prototype.slice.call(input);
  },
  arraybuffer: function (input) {
${body}
  },
};
module.exports = transform;
`;
  const exactBlob = 'data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)';
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        download('data'),
        download(exactBlob),
        // A fresh copy owns its whole store (JSZip's fix).
        table('    var copy = new Uint8Array(input.length);\n    copy.set(input, 0);\n    return copy.buffer;'),
        // The table's outer key says the input is already an ArrayBuffer's holder of another kind.
        table('    return input.buffer;', 'blob'),
        // The entry reads the view's bounds.
        table('    return input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input.buffer : input.slice().buffer;'),
      ],
      invalid: [
        {
          code: download('data.buffer'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'data.buffer', view: 'data', sink: '`PDFJS.createBlob()` stores all of it' },
              line: 3,
              column: 29,
              endLine: 3,
              endColumn: 40,
              suggestions: [{ messageId: 'copyExactly', output: download(exactBlob) }],
            },
          ],
        },
        {
          code: table('    return input.buffer;'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'input.buffer', view: 'input', sink: '`arraybuffer()` returns it as the bytes, and every caller gets all of it' },
              line: 7,
              column: 12,
              endLine: 7,
              endColumn: 24,
              // A returned store gets no rewrite, as `toArrayBuffer()`'s does.
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// msgpackr's packer: `writeExtBuffer(typedArray.buffer, …)`, where the file's `writeExtBuffer(buffer, …)` wraps that
// parameter whole (`Buffer.from(buffer)`); and bsock's `readBinary`, in a class file whose only `buffer` field is a
// list (`this.buffer = []`).
describe('a store handed to a helper of the file that wraps it whole, and a class whose buffer is a list', () => {
  const packer = (arg: string) => `function writeExtBuffer(buffer, type, target) {
  target.push(type);
  Buffer.from(buffer).copy(target.bytes, target.position);
}
export function packTyped(typedArray, target) {
  writeExtBuffer(${arg}, 1, target);
}
`;
  const socket = (field: string) => `export class Socket {
  constructor() {
    this.buffer = ${field};
  }
}
export function readBinary(data) {
  if (data.buffer instanceof ArrayBuffer) return Buffer.from(data.buffer);
  return data;
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        packer('typedArray'),
        // The bounds travel alongside.
        packer('typedArray.buffer, typedArray.byteOffset, typedArray.byteLength'),
        // A helper that does not wrap its parameter whole.
        packer('typedArray.buffer').replace('Buffer.from(buffer)', 'Buffer.from(buffer, 0, 4)'),
        // A class of the file keeps a store of its own under `buffer`: `data` may be one of them.
        socket('new ArrayBuffer(16)'),
        // Emscripten's glue, minified: `la` grows, so it is a WebAssembly memory, whose `buffer` is all of it.
        `var HEAP8;
function A(e) {
  HEAP8 = new Int8Array(e);
}
export function grow(la, pages) {
  la.grow(pages);
  A(la.buffer);
}
`,
      ],
      invalid: [
        {
          code: packer('typedArray.buffer'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'typedArray.buffer', view: 'typedArray', sink: '`writeExtBuffer()` wraps all of it as the bytes (`Buffer.from(buffer)`)' },
              line: 6,
              column: 18,
              endLine: 6,
              endColumn: 35,
              suggestions: [],
            },
          ],
        },
        {
          code: socket('[]'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'data.buffer', view: 'data', sink: '`Buffer.from()` without `data.byteOffset` and `data.byteLength` covers bytes outside the view' },
              line: 7,
              column: 62,
              endLine: 7,
              endColumn: 73,
              suggestions: [{ messageId: 'passViewBounds', output: socket('[]').replace('Buffer.from(data.buffer)', 'Buffer.from(data.buffer, data.byteOffset, data.byteLength)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// amqp-client.js' fixed setters: a view from the DataView's own first byte to the store's end, only written into
// (bounded by what is written); read whole, the same view reaches bytes after the DataView.
describe('a view from the view\'s own offset to the store\'s end, only written into', () => {
  const setter = (uses: string) => `export default class FrameView extends DataView {
  setShortString(byteOffset, string) {
    const utf8 = new TextEncoder().encode(string);
    this.setUint8(byteOffset, utf8.byteLength);
    const view = new Uint8Array(this.buffer, this.byteOffset + byteOffset + 1);
${uses}
    return utf8.byteLength + 1;
  }
}
`;
  const inline = `export default class FrameView extends DataView {
  setBytes(byteOffset, bytes) {
    new Uint8Array(this.buffer, this.byteOffset + byteOffset).set(bytes);
  }
}
`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        setter('    view.set(utf8);'),
        setter('    view[0] = 1;\n    new TextEncoder().encodeInto(string, view);'),
        inline,
      ],
      invalid: [
        {
          // Read whole: decoded to the store's end.
          code: `export default class FrameView extends DataView {
  text() {
    return new TextDecoder().decode(new Uint8Array(this.buffer, this.byteOffset));
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.buffer', view: 'this', sink: '`new Uint8Array()` without `this.byteLength` covers bytes outside the view' },
              line: 3,
              column: 52,
              endLine: 3,
              endColumn: 63,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: `export default class FrameView extends DataView {
  text() {
    return new TextDecoder().decode(new Uint8Array(this.buffer, this.byteOffset, this.byteLength));
  }
}
`,
                },
              ],
            },
          ],
        },
        {
          // No rewrite: the view's length here is not `this.byteLength` (it starts past the DataView's first byte).
          code: setter('    view.set(utf8);\n    this.last = view;'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this.buffer', view: 'this', sink: '`new Uint8Array()` without `this.byteLength` covers bytes outside the view' },
              line: 5,
              column: 33,
              endLine: 5,
              endColumn: 44,
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// LiveKit's ElevenLabs plugin: `bstream.write(audioData.buffer)` of an element of `#audioQueue: Buffer[]`, and of
// `value` read from a fetch response's body reader (`await reader.read()`, a Uint8Array chunk).
describe('an element of an array declared Buffer[], and a chunk read from a fetch body', () => {
  const code = (audio: string, chunk: string) => `export class Synthesizer {
  #audioQueue: Buffer[] = [];
  drain(bstream: { write(data: ArrayBufferLike): unknown[] }) {
    while (this.#audioQueue.length > 0) {
      const audioData = this.#audioQueue.shift()!;
      bstream.write(${audio});
    }
  }
}
export async function stream(url: string, bstream: { write(data: ArrayBufferLike): unknown[] }) {
  const response = await fetch(url);
  const reader = response.body?.getReader();
  if (!reader) return;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    bstream.write(${chunk});
  }
}
`;
  const exact = (view: string) => `new Uint8Array(${view}.buffer, ${view}.byteOffset, ${view}.byteLength)`;
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [
        code(exact('audioData'), exact('value')),
        // Not a fetch response's body: nothing says what its chunks are.
        code(exact('audioData'), 'value.buffer').replace('await fetch(url)', 'await open(url)'),
      ],
      invalid: [
        {
          code: code('audioData.buffer', 'value.buffer'),
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'audioData.buffer', view: 'audioData', sink: '`bstream.write()` writes all of it' },
              line: 6,
              column: 21,
              endLine: 6,
              endColumn: 37,
              suggestions: [{ messageId: 'viewExactly', output: code(exact('audioData'), 'value.buffer') }],
            },
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'value.buffer', view: 'value', sink: '`bstream.write()` writes all of it' },
              line: 17,
              column: 19,
              endLine: 17,
              endColumn: 31,
              suggestions: [{ messageId: 'viewExactly', output: code('audioData.buffer', exact('value')) }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// WebSocket-Node's FastBufferList: `head` and `last` are nodes of a linked list (`{ next, buffer }`), walked along
// their links (`head = head.next ? head.next : { buffer: null, next: null }`); `head.buffer` is the node's chunk.
describe('a list node whose `buffer` property is its chunk', () => {
  const code = (advance: string) => `var EventEmitter = require('events').EventEmitter;
module.exports = function FastBufferList() {
  var self = new EventEmitter();
  var head = { next: null, buffer: null };
  var last = { next: null, buffer: null };
  var offset = 0;
  self.write = function (buf) {
    if (!head.buffer) {
      head.buffer = buf;
      last = head;
    } else {
      last.next = { next: null, buffer: buf };
      last = last.next;
    }
    return true;
  };
  self.first = function () {
    return head.buffer.slice(offset);
  };
  self.advance = function (n) {
    offset += n;
    while (head.buffer && offset >= head.buffer.length) {
      offset -= head.buffer.length;
      head = ADVANCE;
    }
  };
  return self;
};
`.replace('ADVANCE', advance);
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [{ code: code('head.next ? head.next : { buffer: null, next: null }'), filename: 'file.js' }],
      invalid: [],
    },
    { valid: [], invalid: [] },
    // Untyped only: the checker gives a JavaScript variable the type of its first value (here a plain object), and
    // is quiet on both.
    {
      valid: [],
      invalid: [
        {
          // One of the values is a view: `head.buffer` may be its store.
          code: code('head.next ? head.next : new Uint8Array(64).subarray(8)'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'head.buffer', view: 'head', sink: '`.slice()` of it copies bytes outside the view' },
              line: 18,
              column: 12,
              endLine: 18,
              endColumn: 23,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: code('head.next ? head.next : new Uint8Array(64).subarray(8)').replace(
                    'head.buffer.slice(offset)',
                    'head.buffer.slice(head.byteOffset + offset, head.byteOffset + head.byteLength)',
                  ),
                },
              ],
            },
          ],
        },
      ],
    },
  );
});

// wasm2js glue (a minified draco encoder): `(function instantiate(env, Mp) { … new Uint8Array(Mp.buffer) … })(asmLibraryArg,
// wasmMemory)`. A parameter of a function run at once is what the call hands in: here a WebAssembly memory, all of it.
describe('a parameter of a function run at once is what the call hands in', () => {
  const code = (memory: string) => `var asmLibraryArg = {};
var wasmMemory = new WebAssembly.Memory({ initial: 256 });
var exports = (function instantiate(env, Mp) {
  var HEAP8 = new Uint8Array(Mp.buffer);
  return { HEAP8: HEAP8, env: env };
})(asmLibraryArg, wasmMemory);
module.exports = exports;
`.replace('})(asmLibraryArg, wasmMemory);', `})(asmLibraryArg, ${memory});`);
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [{ code: code('wasmMemory'), filename: 'file.js' }],
      invalid: [
        {
          code: code("Buffer.from('abc')"),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'Mp.buffer', view: 'Mp', sink: '`new Uint8Array()` without `Mp.byteOffset` and `Mp.byteLength` covers bytes outside the view' },
              line: 4,
              column: 30,
              endLine: 4,
              endColumn: 39,
              suggestions: [{ messageId: 'passViewBounds', output: code("Buffer.from('abc')").replace('new Uint8Array(Mp.buffer)', 'new Uint8Array(Mp.buffer, Mp.byteOffset, Mp.byteLength)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// noVNC's Websock: `this._rQ` is `null` until `init()` makes it `new Uint8Array(size)`. Every value it holds owns its
// store from byte 0, so `new Uint8Array(this._rQ.buffer, this._rQi - len, len)` reads the queue's own bytes.
describe('a field that holds nothing yet, or an array that owns its store', () => {
  const queue = NOVNC_WEBSOCK_REPLACING;
  const seeded = queue.replace('this._rQ = null;', "this._rQ = Buffer.from('seed');");
  runRuleTests(
    'no-backing-buffer-escape',
    rule,
    {
      valid: [queue],
      invalid: [
        {
          // A pooled Buffer first: its store holds other data.
          code: seeded,
          output: null,
          errors: [
            {
              messageId: 'backingStoreEscape',
              data: { buffer: 'this._rQ.buffer', view: 'this._rQ', sink: '`new Uint8Array()` without `this._rQ.byteOffset` and `this._rQ.byteLength` covers bytes outside the view' },
              line: 17,
              column: 27,
              endLine: 17,
              endColumn: 42,
              suggestions: [
                {
                  messageId: 'passViewBounds',
                  output: seeded.replace('this._rQ.buffer, this._rQi - len, len', 'this._rQ.buffer, this._rQ.byteOffset + this._rQi - len, len'),
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});
