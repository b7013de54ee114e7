import rule from '../../rules/no-cloned-view';
import { runRuleTests } from '../helpers/rule-tester';

// `both` runs untyped and typed. v8.serialize writes only a view's bytes (shared facts/clone-view.js: 21 bytes
// for a 16-byte view of 1 MB), so it is never reported; structuredClone and postMessage ship the whole
// ArrayBuffer. Types add Buffers whose origin the code does not show (fields, parameters).
runRuleTests(
  'no-cloned-view',
  rule,
  // both
  {
    valid: [
    // The rows of an object-mode stream made here are values, not chunks of bytes.
    {
      code: `const { Readable } = require('node:stream');
const { MessageChannel } = require('node:worker_threads');
const { port1 } = new MessageChannel();
const rows = new Readable({ objectMode: true, read() {} });
rows.on('data', (row) => port1.postMessage(row));
`,
      filename: 'file.js',
    },
    `import * as v8 from 'node:v8';
export function persist(frame: Buffer) {
  return v8.serialize(frame.subarray(0, 16));
}
`,
    `import * as v8 from 'node:v8';
export function persistAll(parts: Buffer[]) {
  const state = Buffer.concat(parts);
  return v8.serialize({ head: state.subarray(0, 4) });
}
`,
    `import { Worker } from 'node:worker_threads';
export function fresh(worker: Worker) {
  worker.postMessage(new Uint8Array(1024));
}
`,
    `import { Worker } from 'node:worker_threads';
export function scratch(worker: Worker) {
  worker.postMessage(Buffer.allocUnsafeSlow(64));
}
`,
    `import { Worker } from 'node:worker_threads';
export function whole(worker: Worker, frame: Buffer) {
  worker.postMessage(frame.buffer);
}
`,
    `import { Worker } from 'node:worker_threads';
export function move(worker: Worker, frame: Buffer) {
  const view = frame.subarray(4);
  worker.postMessage(view, [view.buffer]);
}
`,
    `import { Worker } from 'node:worker_threads';
export function exact(worker: Worker, frame: Buffer) {
  worker.postMessage(Uint8Array.prototype.slice.call(frame, 0, 16));
}
`,
    `import { Worker } from 'node:worker_threads';
export function head(worker: Worker) {
  const samples = new Float32Array(4096);
  worker.postMessage(samples.slice(0, 16));
}
`,
    `import { Worker } from 'node:worker_threads';
export function status(worker: Worker) {
  worker.postMessage({ type: 'done', count: 3 });
}
`,
    `class Bus {
  postMessage(message: unknown) {
    return message;
  }
}
const bus = new Bus();
export function emit(frame: Buffer) {
  bus.postMessage(frame.subarray(2));
}
`,
    `function structuredClone<T>(value: T): T {
  return value;
}
export function copy(frame: Buffer) {
  return structuredClone(frame.subarray(2));
}
`,
    `import { Worker } from 'node:worker_threads';
export function title(worker: Worker, text: string) {
  worker.postMessage(text.slice(0, 10));
}
`,
    `import { Worker } from 'node:worker_threads';
export function rest(worker: Worker, items: number[]) {
  worker.postMessage(items.slice(1));
}
`,
    `import { Worker } from 'node:worker_threads';
export function json(worker: Worker, frame: Buffer) {
  worker.postMessage(frame.toString('utf8'));
}
`,
    `import { Worker } from 'node:worker_threads';
export function zeros(worker: Worker) {
  worker.postMessage(Buffer.alloc(16));
}
`,
    `export function clone(frame: Buffer) {
  return structuredClone(new Uint8Array(frame));
}
`,
    `export function forward(port: any, data: any) {
  port.postMessage(data);
}
`,
    ],
    invalid: [
    // A pooled result of a library's contract: the message names the allocation and the call that made it.
    {
      code: `const crypto = require('hypercore-crypto');
const { Worker } = require('worker_threads');
const worker = new Worker('./w.js');
function announce(key) {
  worker.postMessage({ topic: crypto.hash(key) });
}
module.exports = announce;
`,
      errors: [
        {
          messageId: 'clonedView',
          data: { call: 'worker.postMessage()', what: "a Buffer from `b4a.allocUnsafe(32)`, called in hypercore-crypto's `hash()`, which may be a slice of the shared pool" },
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 47,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./resize.js');
export function resize(image: Buffer) {
  worker.postMessage(image.subarray(0, 1024));
}
`,
      output: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./resize.js');
export function resize(image: Buffer) {
  worker.postMessage(Uint8Array.prototype.slice.call(image, 0, 1024) as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a `subarray` view of `image`"},
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { parentPort } from 'node:worker_threads';
export function reply(parts: Buffer[]) {
  const result = Buffer.concat(parts);
  parentPort?.postMessage(result.subarray(4));
}
`,
      output: `import { parentPort } from 'node:worker_threads';
export function reply(parts: Buffer[]) {
  const result = Buffer.concat(parts);
  parentPort?.postMessage(Uint8Array.prototype.slice.call(result, 4) as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"parentPort?.postMessage()","what":"a `subarray` view of `result`"},
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { MessagePort } from 'node:worker_threads';
export function sendHeader(port: MessagePort, frame: Buffer) {
  const header = frame.subarray(0, 16);
  port.postMessage(header);
}
`,
      output: `import { MessagePort } from 'node:worker_threads';
export function sendHeader(port: MessagePort, frame: Buffer) {
  const header = frame.subarray(0, 16);
  port.postMessage(Uint8Array.prototype.slice.call(header) as typeof header);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"port.postMessage()","what":"`header`, a `subarray` view of `frame`"},
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function render(worker: Worker, id: number, frame: Buffer) {
  worker.postMessage({ id, pixels: frame.subarray(8) });
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function render(worker: Worker, id: number, frame: Buffer) {
  worker.postMessage({ id, pixels: Uint8Array.prototype.slice.call(frame, 8) as Buffer });
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a `subarray` view of `frame`"},
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 53,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function route(worker: Worker, id: number, body: Buffer) {
  const payload = body.subarray(4);
  worker.postMessage({ id, payload });
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function route(worker: Worker, id: number, body: Buffer) {
  const payload = body.subarray(4);
  worker.postMessage({ id, payload: Uint8Array.prototype.slice.call(payload) as typeof payload });
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"`payload`, a `subarray` view of `body`"},
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 35,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function snapshot(raw: string) {
  const packet = Buffer.from(raw, 'base64');
  return structuredClone(packet.subarray(2));
}
`,
      output: `export function snapshot(raw: string) {
  const packet = Buffer.from(raw, 'base64');
  return structuredClone(Uint8Array.prototype.slice.call(packet, 2) as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"structuredClone()","what":"a `subarray` view of `packet`"},
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 44,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function dispatch(worker: Worker, job: object) {
  const frame = Buffer.from(JSON.stringify(job));
  worker.postMessage(frame);
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function dispatch(worker: Worker, job: object) {
  const frame = Buffer.from(JSON.stringify(job));
  worker.postMessage(Uint8Array.prototype.slice.call(frame) as typeof frame);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"`frame`, a Buffer from `Buffer.from()`, which may be a slice of the shared pool"},
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 27,
          suggestions: [],
        },
      ],
    },
    {
      code: `import * as net from 'node:net';
import { Worker } from 'node:worker_threads';
export function pipe(socket: net.Socket, worker: Worker) {
  socket.on('data', (chunk) => {
    worker.postMessage(chunk);
  });
}
`,
      output: `import * as net from 'node:net';
import { Worker } from 'node:worker_threads';
export function pipe(socket: net.Socket, worker: Worker) {
  socket.on('data', (chunk) => {
    worker.postMessage(Uint8Array.prototype.slice.call(chunk) as typeof chunk);
  });
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"`chunk`, a chunk received by the 'data' handler"},
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 29,
          suggestions: [],
        },
      ],
    },
    {
      code: `const channel = new BroadcastChannel('frames');
export function announce(frame: Buffer) {
  channel.postMessage(frame.subarray(0, 4));
}
`,
      output: `const channel = new BroadcastChannel('frames');
export function announce(frame: Buffer) {
  channel.postMessage(Uint8Array.prototype.slice.call(frame, 0, 4) as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"channel.postMessage()","what":"a `subarray` view of `frame`"},
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 43,
          suggestions: [],
        },
      ],
    },
    {
      code: `const pixels = new Uint8Array(4096);
export function flush(rows: number) {
  self.postMessage(pixels.subarray(0, rows * 64));
}
`,
      output: `const pixels = new Uint8Array(4096);
export function flush(rows: number) {
  self.postMessage(pixels.slice(0, rows * 64));
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"self.postMessage()","what":"a `subarray` view of `pixels`"},
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 49,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { MessagePort } from 'node:worker_threads';
export function tag(port: MessagePort, header: Buffer) {
  port.postMessage([header.subarray(0, 2), 'meta']);
}
`,
      output: `import { MessagePort } from 'node:worker_threads';
export function tag(port: MessagePort, header: Buffer) {
  port.postMessage([Uint8Array.prototype.slice.call(header, 0, 2) as Buffer, 'meta']);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"port.postMessage()","what":"a `subarray` view of `header`"},
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 42,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function body(worker: Worker, frame: Buffer) {
  worker.postMessage(frame.subarray(/* after the header */ 8));
}
`,
      output: null,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a `subarray` view of `frame`"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 62,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function tail(worker: Worker, frame: unknown) {
  worker.postMessage((frame as Buffer).subarray(4));
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function tail(worker: Worker, frame: unknown) {
  worker.postMessage(Uint8Array.prototype.slice.call(frame as Buffer, 4) as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a `subarray` view of `frame as Buffer`"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 51,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { MessagePort } from 'node:worker_threads';
export function relay(port: MessagePort, frame: Buffer) {
  port.postMessage({ body: frame.subarray(2) } satisfies object);
}
`,
      output: `import { MessagePort } from 'node:worker_threads';
export function relay(port: MessagePort, frame: Buffer) {
  port.postMessage({ body: Uint8Array.prototype.slice.call(frame, 2) as Buffer } satisfies object);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"port.postMessage()","what":"a `subarray` view of `frame`"},
          line: 3,
          column: 28,
          endLine: 3,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function broken(worker: Worker, frame: Buffer) {
  worker.postMessage(frame.subarray('x'));
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function broken(worker: Worker, frame: Buffer) {
  worker.postMessage(Uint8Array.prototype.slice.call(frame, 'x') as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a `subarray` view of `frame`"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 41,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function maybe(worker: Worker, frame: Buffer | undefined) {
  worker.postMessage(frame?.subarray(4));
}
`,
      output: null,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a `subarray` view of `frame`"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 40,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { Worker } from 'node:worker_threads';
export function window(worker: Worker, shared: ArrayBuffer) {
  worker.postMessage(new Uint8Array(shared, 16, 64));
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function window(worker: Worker, shared: ArrayBuffer) {
  worker.postMessage(new Uint8Array(shared, 16, 64).slice());
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"a view made by `Uint8Array` of `shared`"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 52,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function done(parts: Buffer[]) {
  const result = Buffer.concat(parts);
  postMessage(result.subarray(0, 8));
}
`,
      output: `export function done(parts: Buffer[]) {
  const result = Buffer.concat(parts);
  postMessage(Uint8Array.prototype.slice.call(result, 0, 8) as Buffer);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"postMessage()","what":"a `subarray` view of `result`"},
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 36,
          suggestions: [],
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
      code: `import { Worker } from 'node:worker_threads';
export function forward(worker: Worker, msg: { payload: Buffer }) {
  worker.postMessage(msg.payload);
}
`,
      output: `import { Worker } from 'node:worker_threads';
export function forward(worker: Worker, msg: { payload: Buffer }) {
  worker.postMessage(Uint8Array.prototype.slice.call(msg.payload) as typeof msg.payload);
}
`,
      errors: [
        {
          messageId: 'clonedView',
          data: {"call":"worker.postMessage()","what":"`msg.payload`, a Buffer that may be a slice of a larger ArrayBuffer or of the shared pool"},
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 33,
          suggestions: [],
        },
      ],
    },
    ],
  },
  // untypedOnly
  {
    valid: [
    `import { Worker } from 'node:worker_threads';
export function forward(worker: Worker, msg: { payload: Buffer }) {
  worker.postMessage(msg.payload);
}
`,
    ],
    invalid: [
    ],
  },
);

// IndexedDB's put and add structured-clone the value they store, as postMessage does.
describe('real shapes', () => {
  runRuleTests(
    'no-cloned-view',
    rule,
    {
      valid: [
        // A Map's set is no clone.
        `export function save(cache: Map<string, Uint8Array>, data: Uint8Array) {
  cache.set('head', data.subarray(0, 16));
}
`,
        // An exact copy stored.
        `export function save(db: IDBDatabase, data: Uint8Array) {
  db.transaction('blocks', 'readwrite').objectStore('blocks').put(data.slice(0, 16), 'head');
}
`,
      ],
      invalid: [
        {
          code: `export function save(db: IDBDatabase, data: Uint8Array) {
  const store = db.transaction('blocks', 'readwrite').objectStore('blocks');
  store.put(data.subarray(0, 16), 'head');
}
`,
          output: `export function save(db: IDBDatabase, data: Uint8Array) {
  const store = db.transaction('blocks', 'readwrite').objectStore('blocks');
  store.put(Uint8Array.prototype.slice.call(data, 0, 16), 'head');
}
`,
          errors: [
            {
              messageId: 'clonedView',
              data: { call: 'store.put()', what: 'a `subarray` view of `data`' },
              line: 3,
              column: 13,
              endLine: 3,
              endColumn: 33,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// random-access-idb wrote each full block as `req.data.slice(…)` into IndexedDB: the property is proven a
// Buffer by the Buffer-only `copy(target, start, …)` called on it, and a block variable is a view on one
// branch only (a suggestion then, not a rewrite).
describe('Buffers proven by what the code calls on them', () => {
  const branches = `export function write(tx, req, size) {
  const store = tx.objectStore('blocks');
  let block;
  if (req.length === size) {
    block = req.data.slice(0, size);
  } else {
    block = Buffer.alloc(size);
    req.data.copy(block, 0, 0, req.length);
  }
  store.put(block, 'block');
}
`;
  runRuleTests(
    'no-cloned-view',
    rule,
    {
      valid: [
        // A one-argument `copy` (a vector's) proves nothing: `slice` may be an array's copy.
        `export function write(tx, req, other) {
  const store = tx.objectStore('blocks');
  req.data.copy(other);
  store.put(req.data.slice(0, 4), 'head');
}
`,
        // Every assignment an exact copy.
        `export function write(tx, req, size) {
  const store = tx.objectStore('blocks');
  let block;
  if (req.length === size) block = Buffer.alloc(size);
  else block = new Uint8Array(size);
  store.put(block, 'block');
}
`,
      ],
      invalid: [
        {
          code: `export function write(tx, req) {
  const store = tx.objectStore('blocks');
  req.data.copy(Buffer.alloc(4), 0, 0, 4);
  store.put(req.data.slice(0, 4), 'head');
}
`,
          output: `export function write(tx, req) {
  const store = tx.objectStore('blocks');
  req.data.copy(Buffer.alloc(4), 0, 0, 4);
  store.put(Uint8Array.prototype.slice.call(req.data, 0, 4) as Buffer, 'head');
}
`,
          errors: [
            {
              messageId: 'clonedView',
              data: { call: 'store.put()', what: 'a `slice` view of `req.data`' },
              line: 4,
              column: 13,
              endLine: 4,
              endColumn: 33,
              suggestions: [],
            },
          ],
        },
        {
          code: branches,
          output: null,
          errors: [
            {
              messageId: 'clonedView',
              data: { call: 'store.put()', what: '`block`, when assigned, a `slice` view of `req.data`' },
              line: 10,
              column: 13,
              endLine: 10,
              endColumn: 18,
              suggestions: [{ messageId: 'sendCopy', output: branches.replace('store.put(block,', 'store.put(Uint8Array.prototype.slice.call(block) as typeof block,') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// retro-b5500's disk unit: the variable that names the unit's settings is given the object store just before the
// loop that puts each sector, a `subarray` of the whole I/O buffer, into it.
describe('an object store assigned to a variable that held something else', () => {
  const write = (put: string) => `export function write(txn, config, name, buffer, first, last) {
  let eu = config[name];
  if (!eu) return;
  eu = txn.objectStore(name);
  let bx = 0;
  for (let addr = first; addr <= last; addr++) {
    eu.put(${put}, addr);
    bx += 240;
  }
}
`;
  runRuleTests(
    'no-cloned-view',
    rule,
    {
      valid: [
        write('buffer.slice(bx, bx + 240)'),
        // A put on what the variable held before the store was assigned is no clone.
        `export function write(txn, config, name, buffer) {
  let eu = config[name];
  eu.put(buffer.subarray(0, 240), 1);
  eu = txn.objectStore(name);
}
`,
      ],
      invalid: [
        {
          code: write('buffer.subarray(bx, bx + 240)'),
          output: null,
          errors: [
            {
              messageId: 'clonedView',
              data: { call: 'eu.put()', what: 'a `subarray` view of `buffer`' },
              line: 7,
              column: 12,
              endLine: 7,
              endColumn: 41,
              suggestions: [{ messageId: 'sendCopy', output: write('Uint8Array.prototype.slice.call(buffer, bx, bx + 240) as Buffer') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});
