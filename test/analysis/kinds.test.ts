import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileFacts } from '../../src/analysis/file';
import { typedTester, untypedTester, TYPED_FILENAME } from '../helpers/rule-tester';

// A probe rule: for every `probe(x)` call, reports what the value-kind inference says of `x` (kind and
// level), whether `x.slice()` would be an exact copy of the same type, and whether `x` is a Uint8Array.
const probe: TSESLint.RuleModule<'kind'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { kind: '{{kind}} {{level}} {{evidence}} ownSlice={{own}} uint8={{uint8}}' }, schema: [] },
  create(context) {
    return {
      'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
        const kinds = getFileFacts(context.sourceCode, context.settings).kinds;
        const value = call.arguments[0]!;
        const answer = kinds.describe(value);
        context.report({
          node: value,
          messageId: 'kind',
          data: { ...answer, own: String(kinds.ownSliceCopies(value)), uint8: String(kinds.isUint8Array(value)) },
        });
      },
    };
  },
};

const said = (message: string) => ({ messageId: 'kind' as const, data: fromMessage(message) });

function fromMessage(message: string): Record<string, string> {
  const [kind, level, evidence, own, uint8] = message.split(' ');
  return { kind: kind!, level: level!, evidence: evidence!, own: own!.split('=')[1]!, uint8: uint8!.split('=')[1]! };
}

describe('value kinds without types', () => {
  untypedTester.run('kinds', probe as never, {
    valid: [],
    invalid: [
      {
        // A property read with a Buffer-only method, and written only with a Buffer: a Buffer (avsc's `tap.buf`)...
        code: `export function frame(tap) {\n  if (!tap.ok) tap.buf = Buffer.alloc(2048);\n  tap.buf.writeUInt32BE(1, 0);\n  probe(tap.buf);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // ...and unknown when a write disagrees or says nothing.
        code: `export function frame(tap, other) {\n  if (!tap.ok) tap.buf = other;\n  tap.buf.writeUInt32BE(1, 0);\n  probe(tap.buf);\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // A property that the file calls a string-only method on, of another object: text, likely (metrora's `userMessage`)...
        code: `export const blank = (turns) => !turns[0].userMessage.trim();\nexport function toCached(turn) {\n  probe(turn.userMessage);\n}`,
        errors: [said('string likely names ownSlice=false uint8=false')],
      },
      {
        // The same through a cast.
        code: `export const blank = (turns: any[]) => !(turns[0].userMessage as string).trim();\nexport function toCached(turn) {\n  probe(turn.userMessage);\n}`,
        errors: [said('string likely names ownSlice=false uint8=false')],
      },
      {
        // ...or hands to a parameter of a function of the file annotated `string`; unknown when uses disagree.
        code: `function urls(text: string) {\n  return text.length;\n}\nexport const n = (call) => urls(call.userMessage);\nexport function toCached(turn) {\n  probe(turn.userMessage);\n  probe(turn.payload);\n}\nexport const a = (x) => x.payload.trim();\nexport const b = (x) => x.payload.readUInt8(0);`,
        errors: [said('string likely names ownSlice=false uint8=false'), said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // A helper's parameter is likely text when every call of it in the file passes text...
        code: `const readline = require('node:readline');\nfunction record(text) { probe(text); }\nreadline.createInterface({ input: process.stdin }).on('line', (line) => record(line));`,
        errors: [said('string likely names ownSlice=false uint8=false')],
      },
      {
        // ...and unknown when one call passes something else.
        code: `const readline = require('node:readline');\nfunction record(text) { probe(text); }\nreadline.createInterface({ input: process.stdin }).on('line', (line) => record(line));\nrecord([1, 2]);`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // JSDoc states a parameter's kind, as an annotation does: before a function, a method, an arrow held in a
        // `const`, a prototype method; `[name]` and a union with `null` too.
        code: `/** @param {Uint8Array} data */\nfunction a(data) { probe(data); }\n/**\n * @param {number} n\n * @param {Buffer=} [chunk]\n */\nexport const b = (n, chunk) => probe(chunk);\nfunction C() {}\n/** @param {?Buffer|null} head */\nC.prototype.m = function (head) { probe(head); };\nclass D {\n  /** @param {string} text */\n  m(text) { probe(text); }\n}`,
        filename: 'file.js',
        errors: [
          said('typed-array proven code ownSlice=false uint8=true'),
          said('buffer proven code ownSlice=false uint8=false'),
          said('buffer proven code ownSlice=false uint8=false'),
          said('string proven code ownSlice=false uint8=false'),
        ],
      },
      {
        // A variable's `@type`; and no kind from a union of two kinds, a type that is no kind, a comment that is not JSDoc,
        // a property's `@param` (`options.data`), or a `@callback` block before the function.
        code: `/** @type {Buffer} */\nlet pending;\nexport function f() { probe(pending); }\n/** @param {Buffer|string} data @param {Object} meta */\nexport function g(data, meta) { probe(data); probe(meta); }\n/* @param {Buffer} raw */\nexport function h(raw) { probe(raw); }\n/** @param {Buffer} options.data */\nexport function i(options) { probe(options); }\n/**\n * @callback OnData\n * @param {Buffer} chunk\n */\nexport function j(chunk) { probe(chunk); }`,
        filename: 'file.js',
        errors: [
          said('buffer proven code ownSlice=false uint8=false'),
          said('unknown unknown none ownSlice=false uint8=false'),
          said('unknown unknown none ownSlice=false uint8=false'),
          said('unknown unknown none ownSlice=false uint8=false'),
          said('unknown unknown none ownSlice=false uint8=false'),
          said('unknown unknown none ownSlice=false uint8=false'),
        ],
      },
      {
        // A field of an instance of a class of this file, the instance declared by JSDoc or an annotation (lib0's decoder).
        code: `export class Decoder {\n  /** @param {Uint8Array} bytes */\n  constructor(bytes) {\n    this.arr = bytes;\n  }\n}\n/** @param {Decoder} decoder */\nexport const read = (decoder) => probe(decoder.arr);\nexport const read2 = (decoder: Decoder) => probe(decoder.arr);\nexport const read3 = (decoder: Other) => probe(decoder.arr);`,
        errors: [
          said('typed-array proven code ownSlice=false uint8=false'),
          said('typed-array proven code ownSlice=false uint8=false'),
          said('unknown unknown none ownSlice=false uint8=false'),
        ],
      },
      {
        // `if (!Buffer.isBuffer(x)) x = Buffer.from(x)`: a Buffer after the if, on both paths.
        code: `export function send(x) {\n  if (!Buffer.isBuffer(x)) x = Buffer.from(x);\n  probe(x);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // An element of a field declared as an array of arrays, at any index: an array (msgpack's key cache rows).
        code: `interface Row { bytes: Uint8Array }\nexport class Cache {\n  private readonly rows: Array<Array<Row>> = [];\n  f(n: number) {\n    const records = this.rows[n - 1];\n    probe(records);\n    probe(this.rows['length']);\n  }\n}`,
        errors: [said('array proven code ownSlice=false uint8=false'), said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // Inside a branch that tests for a store: an ArrayBuffer, so `Buffer.from(x)` there is a view of it, not a pool slice.
        code: `export function body(x) {\n  if (x instanceof ArrayBuffer) return probe(x);\n  return types.isAnyArrayBuffer(x) && probe(x);\n}`,
        errors: [said('array-buffer proven code ownSlice=false uint8=false'), said('array-buffer proven code ownSlice=false uint8=false')],
      },
      {
        // b4a's isBuffer is true of any Uint8Array: skipping the assignment proves no Buffer.
        code: `const b4a = require('b4a');\nexport function send(x) {\n  if (!b4a.isBuffer(x)) x = Buffer.from(x);\n  probe(x);\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // A parameter property declares the field it makes.
        code: `export class T {\n  constructor(readonly msg: Uint8Array) {}\n  f() { probe(this.msg); }\n}`,
        errors: [said('typed-array proven code ownSlice=false uint8=false')],
      },
      {
        // A helper of the code's own named for the test narrows too.
        code: `const isView = (obj) => ArrayBuffer.isView(obj);\nexport function f(x) {\n  if (isView(x)) probe(x);\n}`,
        errors: [said('view proven code ownSlice=false uint8=false')],
      },
      {
        // Node's `util.types` tests narrow as `ArrayBuffer.isView` does.
        code: `const { types } = require('node:util');\nexport function f(x) {\n  if (types.isTypedArray(x)) probe(x);\n}`,
        errors: [said('view proven code ownSlice=false uint8=false')],
      },
      {
        // A write in the other branch of the `if` holding the use never reaches it.
        code: `export function send(x) {\n  if (!Buffer.isBuffer(x)) x = Buffer.from(x);\n  if (x.length > 4) x = x.toString('hex');\n  else probe(x);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // A reader class with Buffer-named methods (`readInt8`) and others no Buffer has (`readInt32`): not a Buffer.
        code: `export function f(decoder) {\n  probe(decoder);\n  return decoder.readInt8() + decoder.readInt32();\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // ...where `readInt8` alone proves one.
        code: `export function f(decoder) {\n  probe(decoder);\n  return decoder.readInt8(0);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // With an else branch the paths are not both known.
        code: `export function send(x) {\n  if (!Buffer.isBuffer(x)) x = Buffer.from(x);\n  else x = String(x);\n  probe(x);\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // A Buffer's own writers and its multi-argument copy prove one.
        code: `export function frame(out, len) {\n  out.writeUInt16LE(len, 0);\n  probe(out);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `export function pad(src, size) {\n  src.copy(Buffer.alloc(size), 0);\n  probe(src);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // A vector's one-argument copy says nothing.
        code: `export function move(a, b) {\n  a.copy(b);\n  probe(a);\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // What the code calls on `req.data` says what that property holds.
        code: `export function write(req, block) {\n  req.data.copy(block, 0, 0, 4);\n  probe(req.data);\n}`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // ...unless the object is reassigned or the property is set in between.
        code: `export function write(req, block) {\n  req.data.copy(block, 0, 0, 4);\n  req.data = block.toString();\n  probe(req.data);\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // A net socket's 'data' chunk is a Buffer by contract.
        code: `const net = require('node:net');\nconst socket = net.connect(6379);\nsocket.on('data', (chunk) => probe(chunk));`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `import * as net from 'node:net';\nnet.createServer((socket) => { socket.on('data', (chunk) => probe(chunk)); });`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `import * as net from 'node:net';\nexport function watch(socket: net.Socket) { socket.on('data', (chunk) => probe(chunk)); }`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `import { createReadStream } from 'node:fs';\nconst file = createReadStream('log.bin');\nfile.on('data', (chunk) => probe(chunk));`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // An encoding passed to the call that made the stream: its chunks are strings.
        code: `import { createReadStream } from 'node:fs';\ncreateReadStream('log.txt', 'utf8').on('data', (chunk) => probe(chunk));`,
        errors: [said('string proven code ownSlice=false uint8=false')],
      },
      {
        code: `import * as net from 'node:net';\nexport async function read(socket: net.Socket) { for await (const chunk of socket) probe(chunk); }`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // An object-mode stream or a plain EventEmitter emits anything: only likely a Buffer.
        code: `import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('data', (row) => probe(row));`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        code: `export function watch(stream) { stream.on('data', (row) => probe(row)); }`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        // The code shows what the emitter emits: an object-mode stream made here, an EventEmitter whose
        // emits in this file pass strings or arrays, a transform of an object-mode stream.
        code: `const { Readable } = require('node:stream');\nconst rows = new Readable({ objectMode: true, read() {} });\nrows.on('data', (row) => probe(row));`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        code: `class Source {\n  constructor(stream) {\n    this.stream = Readable.from(stream);\n    this.stream.on('data', (row) => probe(row));\n  }\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        code: `const EventEmitter = require('node:events');\nconst bus = new EventEmitter();\nbus.on('data', (line) => probe(line));\nbus.emit('data', 'hello world');\nbus.emit('data', ['a', 'b']);`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // One emit of something else (here a variable) and the value is only likely a Buffer again.
        code: `const EventEmitter = require('node:events');\nconst bus = new EventEmitter();\nbus.on('data', (line) => probe(line));\nbus.emit('data', 'hello world');\nexport function send(x) { bus.emit('data', x); }`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        code: `const { Transform } = require('node:stream');\nconst t = new Transform({ objectMode: true, transform(row, enc, cb) { probe(row); cb(); } });`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        code: `const { Transform } = require('node:stream');\nclass Rows extends Transform {\n  constructor() { super({ writableObjectMode: true }); }\n  _transform(row, enc, cb) { probe(row); cb(); }\n}`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // Object mode on the readable side only: what is written in is still bytes (likely).
        code: `const { Transform } = require('node:stream');\nclass Rows extends Transform {\n  constructor() { super({ readableObjectMode: true }); }\n  _transform(chunk, enc, cb) { probe(chunk); cb(); }\n}`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        // A Buffer-only method called on it proves what the event name only suggests.
        code: `export function watch(stream) { stream.on('data', (chunk) => { chunk.readUInt32BE(0); probe(chunk); }); }`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // An empty start (`let current = null`) says nothing: every later value is a Buffer.
        code: `let current = null;\nexport function feed(data) { current = Buffer.from(data); }\nexport function peek() { probe(current); }`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // Later values that disagree (text, a Buffer) leave it unknown.
        code: `let current;\nexport function feed(data) { current = Buffer.from(data); }\nexport function name(n) { current = 'name:' + n; }\nexport function peek() { probe(current); }`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        // A string-only method called on it says the event carries text here (a Buffer has no `split`).
        code: `export function watch(stream) { stream.on('data', (chunk) => { const lines = chunk.split('\\n'); probe(chunk); }); }`,
        errors: [said('string proven code ownSlice=false uint8=false')],
      },
      {
        // ...unless the variable is written: what it holds at the method call says nothing of the chunk.
        code: `export function watch(stream) { stream.on('data', (chunk) => { probe(chunk); chunk = String(chunk); chunk.split('\\n'); }); }`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        // A stream subclass's chunk the code trims is text too (a Buffer has no `trim`).
        code: `const { Transform } = require('node:stream');\nclass Lines extends Transform {\n  _transform(chunk, enc, cb) { probe(chunk); cb(null, chunk.trim()); }\n}`,
        errors: [said('string proven code ownSlice=false uint8=false')],
      },
      {
        // A socket's chunk is a Buffer by the platform's contract: a string method on it changes nothing.
        code: `import * as net from 'node:net';\nnet.createServer((socket) => { socket.on('data', (chunk) => { probe(chunk); chunk.split('\\n'); }); });`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `import * as dgram from 'node:dgram';\nconst socket = dgram.createSocket('udp4');\nsocket.on('message', (msg) => probe(msg));`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => { ws.on('message', (data) => probe(data)); });`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        // ws with binaryType 'arraybuffer' delivers ArrayBuffers: nothing says what the message is.
        code: `import WebSocket from 'ws';\nconst ws = new WebSocket('ws://localhost');\nws.binaryType = 'arraybuffer';\nws.on('message', (data) => probe(data));`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        code: `export function f(u: Uint8Array) { probe(u); }`,
        errors: [said('typed-array proven code ownSlice=false uint8=true')],
      },
      {
        code: `const table = new Int16Array(64);\nprobe(table);`,
        errors: [said('typed-array proven code ownSlice=true uint8=false')],
      },
      {
        code: `const bytes = new Uint8Array(64);\nprobe(bytes.subarray(4));`,
        errors: [said('typed-array proven code ownSlice=true uint8=false')],
      },
      {
        code: `const buf = Buffer.alloc(64);\nprobe(buf);`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `export function f(msg: { payload: Buffer }) { const { payload } = msg; probe(payload); }`,
        errors: [said('buffer proven code ownSlice=false uint8=false')],
      },
      {
        code: `export function f(view) { return view.byteOffset + probe(view); }`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        // Reassigned before the use, in the same block: from there on it is what the assignment made.
        code: `const net = require('node:net');\nnet.connect(1).on('data', (chunk) => { chunk = chunk.toString('utf8'); probe(chunk); });`,
        errors: [said('string proven code ownSlice=false uint8=false')],
      },
      {
        // A write that may or may not have run (in a branch) leaves the value unknown.
        code: `const net = require('node:net');\nnet.connect(1).on('data', (chunk) => { if (chunk.length > 4) chunk = chunk.toString(); probe(chunk); });`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
      {
        code: `let rest = '';\nexport function f(chunk) { rest = rest + chunk; probe(rest); }`,
        errors: [said('string proven code ownSlice=false uint8=false')],
      },
      {
        // A parameter whose cut the code uses as a Buffer (`toString` with an encoding) is a Buffer, likely.
        code: `export function version(p) { var agent; agent = p.slice(4, 8); probe(p); return agent.toString('ascii'); }`,
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        // Handed to a function of the file (`Parser.parseVersion = function`) that uses its parameter so; and a
        // parameter every same-file call of which passes that one, cut to itself first.
        code: `var Parser = {};
Parser.parseVersion = function (p) { return p.toString('ascii', 0, 4); };
Parser.parseInv = function (p) { p = p.slice(1); probe(p); return p; };
export function payload(cmd, p) {
  probe(p);
  return cmd === 'version' ? Parser.parseVersion(p) : Parser.parseInv(p);
}`,
        errors: [said('buffer likely names ownSlice=false uint8=false'), said('buffer likely names ownSlice=false uint8=false')],
      },
      {
        // A cut used as an array, or nothing known: no answer.
        code: `export function names(p) { var first; first = p.slice(0, 2); probe(p); return first.join(','); }`,
        errors: [said('unknown unknown none ownSlice=false uint8=false')],
      },
    ],
  });
});

describe('value kinds with types', () => {
  const typed = (code: string) => ({ code, filename: TYPED_FILENAME });
  typedTester.run('kinds', probe as never, {
    valid: [],
    invalid: [
      {
        // A parameter property declares the field it makes.
        ...typed(`export class T {\n  constructor(readonly msg: Uint8Array) {}\n  f() { probe(this.msg); }\n}`),
        errors: [said('typed-array proven type ownSlice=false uint8=true')],
      },
      {
        // The checker proves the chunk is a Buffer; no name is needed.
        ...typed(`import * as net from 'node:net';\nexport function f(s: net.Socket) { s.on('data', (chunk) => probe(chunk)); }`),
        errors: [said('buffer proven type ownSlice=false uint8=true')],
      },
      {
        // A value typed Uint8Array may be a Buffer at run time: its own slice is not a proven copy.
        ...typed(`export function f(u: Uint8Array) { probe(u); }`),
        errors: [said('typed-array proven type ownSlice=false uint8=true')],
      },
      {
        ...typed(`export function f(samples: Float32Array) { probe(samples); }`),
        errors: [said('typed-array proven type ownSlice=true uint8=false')],
      },
      {
        // `any` says nothing: the code decides, as without types.
        ...typed(`export function f(bus: any) { bus.on('data', (row: any) => probe(row)); }`),
        errors: [said('buffer likely names ownSlice=false uint8=false')],
      },
    ],
  });
});
