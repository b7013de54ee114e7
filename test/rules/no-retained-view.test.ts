import rule from '../../rules/no-retained-view';
import { runRuleTests, TYPED_FILENAME } from '../helpers/rule-tester';
import { NOVNC_WEBSOCK, NOVNC_WEBSOCK_REPLACING } from '../helpers/samples';

// `both` cases run untyped and typed; types know more kinds, so a few cases that are suggestions
// without types (the view's kind unknown) are safe autofixes with them.
runRuleTests(
  'no-retained-view',
  rule,
  {
    valid: [
    // The tail of the joined chunks put back into the chunk array holds at most the unread rest.
`import * as net from 'node:net';
class Reader {
  private chunks: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
  }
  private onData(chunk: Buffer) {
    this.chunks.push(chunk);
    const all = Buffer.concat(this.chunks);
    const length = all.readUInt32BE(0);
    this.chunks = [all.subarray(4 + length)];
  }
}
export { Reader };
`,
    // A view of what the object was built with, kept on the same object: the object holds the whole parent anyway.
`import * as net from 'node:net';
class Packet {
  private readonly buf: Buffer;
  header?: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  readHeader() {
    this.header = this.buf.subarray(0, 4);
  }
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    new Packet(chunk).readHeader();
  });
});
`,
    // The same pass-through listener registered with `once` runs one time: not long-lived.
    {
      code: `var util = require('util');
var EventEmitter = require('events').EventEmitter;
function Conn(socket) {
  EventEmitter.call(this);
  this.ids = [];
  var self = this;
  socket.once('data', function () { self._gotBytes.apply(self, arguments); });
}
util.inherits(Conn, EventEmitter);
Conn.prototype._gotBytes = function (chunk) {
  this.ids.push(chunk.slice(0, 16));
};
module.exports = Conn;
`,
      filename: "file.js",
    },
    // A read stream opened with an encoding emits strings.
    `import { createReadStream } from 'node:fs';
const heads: string[] = [];
export function watch(file: string) {
  createReadStream(file, 'utf8').on('data', (text) => {
    heads.push(text.slice(0, 4));
  });
}
`,
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
    // What the code shows an emitter emits: an object-mode stream's rows, an EventEmitter's strings.
    {
      code: `const { Readable } = require('node:stream');
class RowSource {
  constructor() {
    this.firstColumns = [];
    this.stream = new Readable({ objectMode: true, read() {} });
    this.stream.on('data', (row) => {
      this.firstColumns.push(row.slice(0, 2));
    });
  }
}
module.exports = RowSource;
`,
      filename: 'file.js',
    },
    {
      code: `const { PassThrough } = require('node:stream');
const events = new PassThrough({ objectMode: true });
const firstTwo = [];
events.on('data', (batch) => {
  firstTwo.push(batch.slice(0, 2));
});
`,
      filename: 'file.js',
    },
    {
      code: `const EventEmitter = require('node:events');
const bus = new EventEmitter();
const prefixes = [];
bus.on('data', (line) => {
  prefixes.push(line.slice(0, 3));
});
bus.emit('data', 'hello world');
`,
      filename: 'file.js',
    },
    {
      code: `const { Transform } = require('node:stream');
class Rows extends Transform {
  constructor() {
    super({ objectMode: true });
    this.heads = [];
  }
  _transform(row, enc, cb) {
    this.heads.push(row.slice(0, 2));
    cb();
  }
}
module.exports = Rows;
`,
      filename: 'file.js',
    },
    // A consumer callback that copies; a worker_threads Worker (a file, not a processor).
`import type { Channel, ConsumeMessage } from 'amqplib';
const seen: Buffer[] = [];
export async function listen(channel: Channel) {
  await channel.consume('jobs', (msg: ConsumeMessage | null) => {
    if (!msg) return;
    seen.push(Buffer.from(msg.content.subarray(0, 16)));
    channel.ack(msg);
  });
}
`,
`import { Worker } from 'node:worker_threads';
const heads: Buffer[] = [];
const worker = new Worker('./decode.js');
worker.on('error', (error) => console.error(error));
export function keep(chunk: Buffer) {
  heads.push(chunk);
}
`,
    // A prototype handler method that nothing subscribes: `items` could be an array.
    {
      code: `function Log() {
  this.lines = [];
}
Log.prototype.onData = function (items) {
  this.lines.push(items.slice(0, 4));
};
module.exports = Log;
`,
      filename: 'file.js',
    },
    // Yielded views read in the loop and not kept.
`import type { Socket } from 'node:net';
function* frames(chunk: Buffer) {
  for (let offset = 0; offset + 4 <= chunk.length; offset += 4) yield chunk.subarray(offset, offset + 4);
}
let total = 0;
export function watch(socket: Socket) {
  socket.on('data', (chunk: Buffer) => {
    for (const frame of frames(chunk)) total += frame.readUInt32BE(0);
  });
}
`,
    // Where in the object the view sits is not known (a computed key): quiet when unsure.
`import * as net from 'node:net';
export class Recorder {
  name?: Buffer;
  constructor(socket: net.Socket, pick: () => string) {
    socket.on('data', (data: Buffer) => {
      const holder = { [pick()]: data.subarray(0, 4) };
      this.name = holder.name;
    });
  }
}
`,
    // Concatenating a view decodes it into a new string.
`import * as net from 'node:net';
const labels: string[] = [];
net.createServer((socket) => {
  socket.on('data', (data: Buffer) => {
    labels.push('frame ' + data.subarray(0, 4));
  });
});
`,
    // Other fields of an object or array that holds a view do not carry it.
`import * as net from 'node:net';
export class Recorder {
  sizes: number[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (data: Buffer) => {
      const kept = [data.subarray(0, 4), data.subarray(4)].filter((part) => part.length > 0).length;
      this.sizes.push(kept);
    });
  }
}
`,
`import * as net from 'node:net';
const ids = new Set<number>();
function parse(frame: Buffer) {
  return { id: frame.readUInt32BE(0), body: frame.subarray(4) };
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const { id, body } = parse(chunk);
    ids.add(id);
    socket.write(body);
  });
});
`,
`import { parentPort } from 'node:worker_threads';
export class Inbox {
  private kinds: number[] = [];
  constructor() {
    parentPort?.on('message', (msg: Uint8Array) => {
      const envelope = { kind: msg[0], payload: msg.subarray(1) };
      this.kinds.push(envelope.kind);
    });
  }
}
`,
`import * as net from 'node:net';
const tags: number[] = [];
function split(frame: Buffer): [number, Buffer] {
  return [frame.readUInt8(0), frame.subarray(1)];
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const [tag] = split(chunk);
    tags.push(tag);
  });
});
`,
`export class Room {
  private frames: Uint8Array[] = [];
  constructor(private readonly name: string) {}
  async webSocketPing(ws: WebSocket, frame: Uint8Array) {
    this.frames.push(frame.subarray(2));
  }
}
`,
`const cache: Uint8Array[] = [];
addEventListener('message', (event: any) => {
  cache.push(new Uint8Array(event.data.bytes, 4, 8));
}, { once: true });
`,
`const copies: Uint8Array[] = [];
process.on('message', (message: Buffer) => {
  copies.push(new Uint8Array(message, 4));
});
`,
`import { parentPort } from 'node:worker_threads';
const firsts: unknown[] = [];
parentPort?.on('message', (msg: any) => {
  firsts.push(msg.slice(0, 8));
});
`,
`import { spawnStateless } from './actors';
spawnStateless(null, (msg: { packet: Buffer }, ctx: { reply(b: Buffer): void }) => {
  return msg.packet.subarray(0, 8);
});
`,
`import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    socket.write(chunk.subarray(0, 4));
  });
});
`,
`import * as net from 'node:net';
class Conn {
  private greeting: Buffer | null = null;
  constructor(socket: net.Socket) {
    socket.once('data', (chunk) => {
      this.greeting = chunk.subarray(0, 16);
    });
  }
}
`,
`const firsts: Uint8Array[] = [];
export function listen(target: EventTarget) {
  target.addEventListener('message', (event: any) => {
    firsts.push(new Uint8Array(event.data.buffer, 0, 16));
  }, { once: true });
}
`,
`import { parentPort } from 'node:worker_threads';
const recent: number[][] = [];
parentPort?.on('message', (msg: { samples: number[] }) => {
  recent.push(msg.samples.slice(0, 3));
});
`,
`import { parentPort } from 'node:worker_threads';
const trailers = new Map<string, Uint8Array>();
parentPort?.on('message', (job: { key: string; blob: Uint8Array }) => {
  trailers.set(job.key, job.blob.slice(job.blob.length - 32));
});
`,
`import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk, 4, 20) as Buffer);
    });
  }
}
`,
`import * as net from 'node:net';
class Conn {
  private id: Buffer | null = null;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const id = Buffer.allocUnsafeSlow(8);
      chunk.copy(id, 0, 0, 8);
      this.id = id;
    });
  }
}
`,
`import * as net from 'node:net';
const MAGIC = 0xcafebabe;
class Conn {
  private valid = 0;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const header = chunk.subarray(0, 4);
      if (header.readUInt32BE(0) === MAGIC) this.valid++;
    });
  }
}
`,
`import * as net from 'node:net';
class Conn {
  private pending = Buffer.alloc(0);
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      const length = this.pending.readUInt32BE(0);
      this.pending = this.pending.subarray(4 + length);
    });
  }
}
`,
    // The same, for a field named `buffer` trimmed in another method (undici's SOCKS5 client).
`import * as net from 'node:net';
export class Socks5Client {
  private buffer = Buffer.alloc(0);
  constructor(socket: net.Socket) {
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.handleAuthMethod();
    });
  }
  private handleAuthMethod() {
    if (this.buffer.length < 2) return;
    this.buffer = this.buffer.subarray(2);
  }
}
`,
`const table = Buffer.alloc(1024);
class Slots {
  private slot: Buffer | null = null;
  onMessage(index: number) {
    this.slot = table.subarray(index * 16, index * 16 + 16);
  }
}
`,
`import { Transform, type TransformCallback } from 'node:stream';
export class StripHeader extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.push(chunk.subarray(4));
    callback();
  }
}
`,
`import { Transform } from 'node:stream';
export const strip = new Transform({
  transform(chunk, _encoding, callback) {
    callback(null, chunk.subarray(4));
  },
});
`,
`import * as net from 'node:net';
import { EventEmitter } from 'node:events';
class Framer extends EventEmitter {
  constructor(socket: net.Socket) {
    super();
    socket.on('data', (chunk) => {
      this.emit('frame', chunk.subarray(4, 8));
    });
  }
}
`,
`const headers: Buffer[] = [];
export function keepHeader(buf: Buffer) {
  headers.push(buf.subarray(0, 4));
}
keepHeader(Buffer.from('abcdefgh'));
`,
`import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const parts: Buffer[] = [];
    parts.push(chunk.subarray(0, 2));
    parts.push(chunk.subarray(6, 8));
    socket.write(Buffer.concat(parts));
  });
});
`,
`import * as net from 'node:net';
class Conn {
  private lastLength = 0;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.lastLength = chunk.subarray(0, 4).length;
    });
  }
}
`,
`import * as net from 'node:net';
class Conn {
  private headers: Uint8Array[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.headers.push(new Uint8Array(chunk.subarray(0, 16)));
    });
  }
}
`,
`import * as dgram from 'node:dgram';
const socket = dgram.createSocket('udp4');
socket.on('message', (msg, rinfo) => {
  socket.send(msg.subarray(12), rinfo.port, rinfo.address);
});
`,
`import * as net from 'node:net';
import type { Writable } from 'node:stream';
class Relay {
  constructor(socket: net.Socket, private readonly output: Writable & { push(b: Buffer): void }) {
    socket.on('data', (chunk) => {
      this.output.push(chunk.subarray(4));
    });
  }
}
`,
`import * as net from 'node:net';
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const frame = { kind: chunk[0], header: chunk.subarray(1, 5) };
    socket.write(JSON.stringify(frame));
  });
});
`,
`import * as net from 'node:net';
class Conn {
  private name = '';
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.name = chunk.subarray(0, 10).toString('utf8');
    });
  }
}
`,
`import * as net from 'node:net';
class Conn {
  private ids: string[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.ids.push(chunk.subarray(0, 8).toString('hex'));
    });
  }
}
`,
`import * as net from 'node:net';
const counts = new Map<string, number>();
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const key = chunk.subarray(0, 4);
    counts.set(key.toString('hex'), (counts.get(key.toString('hex')) ?? 0) + 1);
  });
});
`,
`import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const local = chunk.subarray(0, 4);
      process.stdout.write(local);
    });
  }
}
`,
`class Parser {
  private frames: Buffer[] = [];
  parse(input: string) {
    const buffer = Buffer.from(input, 'base64');
    this.frames.push(buffer.subarray(0, 4));
  }
}
`,

    ],
    invalid: [
    // Handler methods subscribed by name get the event's value: a 'data' chunk is a Buffer, so its slice is a view.
    // Chunks collected in a field array and joined with Buffer.concat are an accumulator; the tail put back is a self-trim.
    {
      code: `import * as net from 'node:net';
class Reader {
  private chunks: Buffer[] = [];
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
  }
  private onData(chunk: Buffer) {
    this.chunks.push(chunk);
    const all = Buffer.concat(this.chunks);
    this.frames.push(all.subarray(0, 10));
    this.chunks = [all.subarray(10)];
  }
}
export { Reader };
`,
      output: `import * as net from 'node:net';
class Reader {
  private chunks: Buffer[] = [];
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
  }
  private onData(chunk: Buffer) {
    this.chunks.push(chunk);
    const all = Buffer.concat(this.chunks);
    this.frames.push(Uint8Array.prototype.slice.call(all, 0, 10) as Buffer);
    this.chunks = [all.subarray(10)];
  }
}
export { Reader };
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`all.subarray(0, 10)`","parent":"the accumulation buffer `this.chunks`","sink":"`this.frames`"},
          line: 11,
          column: 22,
          endLine: 11,
          endColumn: 41,
          suggestions: [],
        },
      ],
    },
    // The parent is what the object was built with: `this.buf`, set once in the constructor from `new Frame(chunk)`.
    {
      code: `import * as net from 'node:net';
class Frame {
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  key(): Buffer {
    return this.buf.subarray(0, 32);
  }
}
const peers = new Map<string, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const frame = new Frame(chunk);
    peers.set(socket.remoteAddress ?? '', frame.key());
  });
});
`,
      output: `import * as net from 'node:net';
class Frame {
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  key(): Buffer {
    return Uint8Array.prototype.slice.call(this.buf, 0, 32) as Buffer;
  }
}
const peers = new Map<string, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const frame = new Frame(chunk);
    peers.set(socket.remoteAddress ?? '', frame.key());
  });
});
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`this.buf.subarray(0, 32)`","parent":"`chunk`, received by the 'data' handler","sink":"`peers`"},
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    // Emptied on close (`this.buf = null`): the field's one real value is still what the object was built with.
    {
      code: `var net = require('net');
class Frame {
  constructor(buf) { this.buf = buf; }
  key() { return this.buf.subarray(0, 32); }
  close() { this.buf = null; }
}
var peers = new Map();
net.createServer(function (socket) {
  socket.on('data', function (chunk) {
    peers.set(socket.remoteAddress, new Frame(chunk).key());
  });
});
`,
      errors: [
        {
          messageId: 'retainedView',
          data: { view: '`this.buf.subarray(0, 32)`', parent: "`chunk`, received by the 'data' handler", sink: '`peers`' },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'copyExactly',
              output: `var net = require('net');
class Frame {
  constructor(buf) { this.buf = buf; }
  key() { return Uint8Array.prototype.slice.call(this.buf, 0, 32); }
  close() { this.buf = null; }
}
var peers = new Map();
net.createServer(function (socket) {
  socket.on('data', function (chunk) {
    peers.set(socket.remoteAddress, new Frame(chunk).key());
  });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `var net = require('net');
function Packet(buf) {
  this.buf = buf;
}
Packet.prototype.readKey = function () {
  return this.buf.subarray(0, 32);
};
var keys = [];
net.createServer(function (socket) {
  socket.on('data', function (chunk) {
    keys.push(new Packet(chunk).readKey());
  });
});
`,
      filename: "file.js",
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`this.buf.subarray(0, 32)`","parent":"`chunk`, received by the 'data' handler","sink":"`keys`"},
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 34,
          suggestions: [{ messageId: 'copyExactly', output: `var net = require('net');
function Packet(buf) {
  this.buf = buf;
}
Packet.prototype.readKey = function () {
  return Uint8Array.prototype.slice.call(this.buf, 0, 32);
};
var keys = [];
net.createServer(function (socket) {
  socket.on('data', function (chunk) {
    keys.push(new Packet(chunk).readKey());
  });
});
` }],
        },
      ],
    },
    // A listener that only passes its arguments on (`fn.apply(self, arguments)`) subscribes the method it calls.
    {
      code: `var util = require('util');
var EventEmitter = require('events').EventEmitter;
function Conn(socket) {
  EventEmitter.call(this);
  this.ids = [];
  var self = this;
  socket.on('data', function () { self._gotBytes.apply(self, arguments); });
}
util.inherits(Conn, EventEmitter);
Conn.prototype._gotBytes = function (chunk) {
  this.ids.push(chunk.slice(0, 16));
};
module.exports = Conn;
`,
      filename: "file.js",
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.slice(0, 16)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.ids`"},
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 35,
          suggestions: [{ messageId: 'copyExactly', output: `var util = require('util');
var EventEmitter = require('events').EventEmitter;
function Conn(socket) {
  EventEmitter.call(this);
  this.ids = [];
  var self = this;
  socket.on('data', function () { self._gotBytes.apply(self, arguments); });
}
util.inherits(Conn, EventEmitter);
Conn.prototype._gotBytes = function (chunk) {
  this.ids.push(Uint8Array.prototype.slice.call(chunk, 0, 16));
};
module.exports = Conn;
` }],
        },
      ],
    },
    // A pre-class parser's method called on a parser object from a 'data' listener (no other `feed` in the file).
    {
      code: `var net = require('net');
function FrameParser() {
  this.headers = [];
}
FrameParser.prototype.feed = function (chunk) {
  this.headers.push(chunk.subarray(0, 4));
};
net.createServer(function (socket) {
  var parser = new FrameParser();
  socket.on('data', function (d) {
    parser.feed(d);
  });
});
`,
      filename: "file.js",
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.subarray(0, 4)`","parent":"`d`, received by the 'data' handler","sink":"`this.headers`"},
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 41,
          suggestions: [{ messageId: 'copyExactly', output: `var net = require('net');
function FrameParser() {
  this.headers = [];
}
FrameParser.prototype.feed = function (chunk) {
  this.headers.push(Uint8Array.prototype.slice.call(chunk, 0, 4));
};
net.createServer(function (socket) {
  var parser = new FrameParser();
  socket.on('data', function (d) {
    parser.feed(d);
  });
});
` }],
        },
      ],
    },
    {
      code: `const net = require('node:net');
function Parser(socket) {
  this.header = null;
  socket.on('data', this.onData.bind(this));
}
Parser.prototype.onData = function (chunk) {
  this.header = chunk.slice(0, 4);
};
module.exports = Parser;
`,
      filename: "file.js",
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.slice(0, 4)`","parent":"`chunk`, received by Parser.onData","sink":"`this.header`"},
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 34,
          suggestions: [{ messageId: 'copyExactly', output: `const net = require('node:net');
function Parser(socket) {
  this.header = null;
  socket.on('data', this.onData.bind(this));
}
Parser.prototype.onData = function (chunk) {
  this.header = Uint8Array.prototype.slice.call(chunk, 0, 4);
};
module.exports = Parser;
` }],
        },
      ],
    },

    {
      code: `import type { Socket } from 'node:net';
export class Conn {
  private header?: Uint8Array;
  constructor(socket: Socket) {
    socket.on('data', this.onData.bind(this));
  }
  onData(chunk) {
    this.header = chunk.slice(0, 4);
  }
}
`,
      output: `import type { Socket } from 'node:net';
export class Conn {
  private header?: Uint8Array;
  constructor(socket: Socket) {
    socket.on('data', this.onData.bind(this));
  }
  onData(chunk) {
    this.header = Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer;
  }
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.slice(0, 4)`","parent":"`chunk`, received by Conn.onData","sink":"`this.header`"},
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    // A helper declared in the constructor and called from a listener keeps what it stores.
    {
      code: `import type { Socket } from 'node:net';
export class Conn {
  constructor(socket: Socket) {
    const store: Buffer[] = [];
    const add = (frame: Buffer) => store.push(frame);
    socket.on('data', (chunk: Buffer) => add(chunk.subarray(1)));
  }
}
`,
      output: `import type { Socket } from 'node:net';
export class Conn {
  constructor(socket: Socket) {
    const store: Buffer[] = [];
    const add = (frame: Buffer) => store.push(frame);
    socket.on('data', (chunk: Buffer) => add(Uint8Array.prototype.slice.call(chunk, 1) as Buffer));
  }
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.subarray(1)`","parent":"`chunk`, received by the 'data' handler","sink":"`store`"},
          line: 6,
          column: 46,
          endLine: 6,
          endColumn: 63,
          suggestions: [],
        },
      ],
    },
    // A generator's `yield` hands the view to the caller's loop or spread.
    {
      code: `import type { Socket } from 'node:net';
function* frames(chunk: Buffer) {
  for (let offset = 0; offset + 4 <= chunk.length; offset += 4) yield chunk.subarray(offset, offset + 4);
}
const kept: Buffer[] = [];
export function watch(socket: Socket) {
  socket.on('data', (chunk: Buffer) => {
    for (const frame of frames(chunk)) kept.push(frame);
  });
}
`,
      output: `import type { Socket } from 'node:net';
function* frames(chunk: Buffer) {
  for (let offset = 0; offset + 4 <= chunk.length; offset += 4) yield Uint8Array.prototype.slice.call(chunk, offset, offset + 4) as Buffer;
}
const kept: Buffer[] = [];
export function watch(socket: Socket) {
  socket.on('data', (chunk: Buffer) => {
    for (const frame of frames(chunk)) kept.push(frame);
  });
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.subarray(offset, offset + 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`kept`"},
          line: 3,
          column: 71,
          endLine: 3,
          endColumn: 105,
          suggestions: [],
        },
      ],
    },

    {
      code: `import type { Socket } from 'node:net';
function* frames(chunk: Buffer) {
  for (let offset = 0; offset + 4 <= chunk.length; offset += 4) yield chunk.subarray(offset, offset + 4);
}
export class Log {
  entries: Buffer[] = [];
  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.entries.push(...frames(chunk));
    });
  }
}
`,
      output: `import type { Socket } from 'node:net';
function* frames(chunk: Buffer) {
  for (let offset = 0; offset + 4 <= chunk.length; offset += 4) yield Uint8Array.prototype.slice.call(chunk, offset, offset + 4) as Buffer;
}
export class Log {
  entries: Buffer[] = [];
  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.entries.push(...frames(chunk));
    });
  }
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.subarray(offset, offset + 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.entries`"},
          line: 3,
          column: 71,
          endLine: 3,
          endColumn: 105,
          suggestions: [],
        },
      ],
    },
    // Message consumers: amqplib consume(), kafkajs eachMessage, NATS subscribe({ callback }), queue workers.
    {
      code: `import type { Channel, ConsumeMessage } from 'amqplib';
const seen: Buffer[] = [];
export async function listen(channel: Channel) {
  await channel.consume('jobs', (msg: ConsumeMessage | null) => {
    if (!msg) return;
    seen.push(msg.content.subarray(0, 16));
    channel.ack(msg);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`msg.content.subarray(0, 16)`","parent":"`msg`, received by the consume() callback","sink":"`seen`"},
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            { messageId: 'copyExactly', output: `import type { Channel, ConsumeMessage } from 'amqplib';
const seen: Buffer[] = [];
export async function listen(channel: Channel) {
  await channel.consume('jobs', (msg: ConsumeMessage | null) => {
    if (!msg) return;
    seen.push(Uint8Array.prototype.slice.call(msg.content, 0, 16));
    channel.ack(msg);
  });
}
` },
          ],
        },
      ],
    },
    // A view kept in an object or array literal travels with the field that holds it; arrays made
    // from an array that holds a view (slice, concat, filter, ...) hold it too.
    {
      code: `import * as net from 'node:net';
export class Recorder {
  history: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (data: Buffer) => {
      this.history = [...this.history, data.subarray(0, 4)].slice(-100);
    });
  }
}
`,
      output: `import * as net from 'node:net';
export class Recorder {
  history: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (data: Buffer) => {
      this.history = [...this.history, Uint8Array.prototype.slice.call(data, 0, 4) as Buffer].slice(-100);
    });
  }
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`data.subarray(0, 4)`","parent":"`data`, received by the 'data' handler","sink":"`this.history`"},
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 59,
          suggestions: [],
        },
      ],
    },

    {
      code: `import * as net from 'node:net';
let frames: Buffer[] = [];
net.createServer((socket) => {
  socket.on('data', (data: Buffer) => {
    frames = frames.concat([data.subarray(2)]);
  });
});
`,
      output: `import * as net from 'node:net';
let frames: Buffer[] = [];
net.createServer((socket) => {
  socket.on('data', (data: Buffer) => {
    frames = frames.concat([Uint8Array.prototype.slice.call(data, 2) as Buffer]);
  });
});
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`data.subarray(2)`","parent":"`data`, received by the 'data' handler","sink":"the module variable `frames`"},
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      code: `import * as net from 'node:net';
const last = new Map<number, Buffer>();
function parse(frame: Buffer) {
  return { id: frame.readUInt32BE(0), body: frame.subarray(4) };
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const { id, body } = parse(chunk);
    last.set(id, body);
  });
});
`,
      output: `import * as net from 'node:net';
const last = new Map<number, Buffer>();
function parse(frame: Buffer) {
  return { id: frame.readUInt32BE(0), body: Uint8Array.prototype.slice.call(frame, 4) as Buffer };
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const { id, body } = parse(chunk);
    last.set(id, body);
  });
});
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`frame.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`last`"},
          line: 4,
          column: 45,
          endLine: 4,
          endColumn: 62,
          suggestions: [],
        },
      ],
    },

    {
      code: `import * as net from 'node:net';
const bodies: Buffer[] = [];
function split(frame: Buffer): [number, Buffer] {
  return [frame.readUInt8(0), frame.subarray(1)];
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const [, body] = split(chunk);
    bodies.push(body);
  });
});
`,
      output: `import * as net from 'node:net';
const bodies: Buffer[] = [];
function split(frame: Buffer): [number, Buffer] {
  return [frame.readUInt8(0), Uint8Array.prototype.slice.call(frame, 1) as Buffer];
}
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const [, body] = split(chunk);
    bodies.push(body);
  });
});
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`frame.subarray(1)`","parent":"`chunk`, received by the 'data' handler","sink":"`bodies`"},
          line: 4,
          column: 31,
          endLine: 4,
          endColumn: 48,
          suggestions: [],
        },
      ],
    },

    {
      code: `import { parentPort } from 'node:worker_threads';
export class Inbox {
  private latest?: Uint8Array;
  constructor() {
    parentPort?.on('message', (msg: Uint8Array) => {
      const envelope = { kind: msg[0], payload: msg.subarray(1) };
      this.latest = envelope.payload;
    });
  }
}
`,
      output: `import { parentPort } from 'node:worker_threads';
export class Inbox {
  private latest?: Uint8Array;
  constructor() {
    parentPort?.on('message', (msg: Uint8Array) => {
      const envelope = { kind: msg[0], payload: Uint8Array.prototype.slice.call(msg, 1) };
      this.latest = envelope.payload;
    });
  }
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`msg.subarray(1)`","parent":"`msg`, received by the 'message' handler","sink":"`this.latest`"},
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 64,
          suggestions: [],
        },
      ],
    },

    {
      code: `import * as net from 'node:net';
const heads: Buffer[] = [];
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const frame: { head?: Buffer } = {};
    frame.head = chunk.subarray(0, 4);
    heads.push(frame.head);
  });
});
`,
      output: `import * as net from 'node:net';
const heads: Buffer[] = [];
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const frame: { head?: Buffer } = {};
    frame.head = Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer;
    heads.push(frame.head);
  });
});
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`chunk.subarray(0, 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`heads`"},
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },

{
  code: `import { assign, createMachine } from 'xstate';
export const machine = createMachine({
  context: { header: null as Uint8Array | null },
  on: { FRAME: { actions: assign({ header: ({ event }: any) => event.bytes.subarray(0, 8) }) } },
});
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`event.bytes.subarray(0, 8)`","parent":"`event`, received by the assign() updater of `header`","sink":"the state returned by the assign() updater of `header`"}, line: 4, column: 64, endLine: 4, endColumn: 90, suggestions: [{ messageId: 'copyExactly', output: `import { assign, createMachine } from 'xstate';
export const machine = createMachine({
  context: { header: null as Uint8Array | null },
  on: { FRAME: { actions: assign({ header: ({ event }: any) => Uint8Array.prototype.slice.call(event.bytes, 0, 8) }) } },
});
` }] }],
},
{
  code: `export class Room {
  private frames: Uint8Array[] = [];
  constructor(private readonly state: DurableObjectState) {}
  async webSocketPing(ws: WebSocket, frame: Uint8Array) {
    this.frames.push(frame.subarray(2));
  }
}
`,
  output: `export class Room {
  private frames: Uint8Array[] = [];
  constructor(private readonly state: DurableObjectState) {}
  async webSocketPing(ws: WebSocket, frame: Uint8Array) {
    this.frames.push(Uint8Array.prototype.slice.call(frame, 2));
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`frame.subarray(2)`","parent":"`frame`, received by Room.webSocketPing","sink":"`this.frames`"}, line: 5, column: 22, endLine: 5, endColumn: 39, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Parser {
  private headers: Buffer[] = [];
  feed(data: Buffer) {
    this.headers.push(data.subarray(0, 4));
  }
}
const parser = new Parser();
net.createServer((socket) => socket.on('data', (chunk) => parser.feed(chunk)));
`,
  output: `import * as net from 'node:net';
class Parser {
  private headers: Buffer[] = [];
  feed(data: Buffer) {
    this.headers.push(Uint8Array.prototype.slice.call(data, 0, 4) as Buffer);
  }
}
const parser = new Parser();
net.createServer((socket) => socket.on('data', (chunk) => parser.feed(chunk)));
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`data.subarray(0, 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.headers`"}, line: 5, column: 23, endLine: 5, endColumn: 42, suggestions: [] }],
},
{
  code: `const cache: Uint8Array[] = [];
onmessage = (event: MessageEvent) => {
  cache.push(new Uint8Array(event.data, 0, 4));
};
`,
  output: `const cache: Uint8Array[] = [];
onmessage = (event: MessageEvent) => {
  cache.push(new Uint8Array(event.data, 0, 4).slice());
};
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`new Uint8Array(event.data, 0, 4)`","parent":"`event`, received by the onmessage handler","sink":"`cache`"}, line: 3, column: 14, endLine: 3, endColumn: 46, suggestions: [] }],
},
{
  code: `const cache: Uint8Array[] = [];
addEventListener('message', (event: any) => {
  cache.push(new Uint8Array(event.data.bytes, 4, 8));
});
`,
  output: `const cache: Uint8Array[] = [];
addEventListener('message', (event: any) => {
  cache.push(new Uint8Array(event.data.bytes, 4, 8).slice());
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`new Uint8Array(event.data.bytes, 4, 8)`","parent":"`event`, received by the 'message' handler","sink":"`cache`"}, line: 3, column: 14, endLine: 3, endColumn: 52, suggestions: [] }],
},
{
  code: `const queue: Buffer[] = [];
process.on('message', (message: Buffer) => {
  const frames: Buffer[] = [];
  frames.push(message.subarray(0, 2));
  queue.push(...frames);
});
`,
  output: `const queue: Buffer[] = [];
process.on('message', (message: Buffer) => {
  const frames: Buffer[] = [];
  frames.push(Uint8Array.prototype.slice.call(message, 0, 2) as Buffer);
  queue.push(...frames);
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`message.subarray(0, 2)`","parent":"`message`, received by the 'message' handler","sink":"`queue`"}, line: 4, column: 15, endLine: 4, endColumn: 37, suggestions: [] }],
},
{
  code: `import { WebSocketServer } from 'ws';
const greetings: Buffer[] = [];
export function start(wss: WebSocketServer) {
  wss.on('connection', (ws) => {
    ws.on('message', (data: any) => {
      greetings.push(data.slice(0, 8));
    });
  });
}
`,
  output: `import { WebSocketServer } from 'ws';
const greetings: Buffer[] = [];
export function start(wss: WebSocketServer) {
  wss.on('connection', (ws) => {
    ws.on('message', (data: any) => {
      greetings.push(Uint8Array.prototype.slice.call(data, 0, 8) as Buffer);
    });
  });
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`data.slice(0, 8)`","parent":"`data`, received by the 'message' handler","sink":"`greetings`"}, line: 6, column: 22, endLine: 6, endColumn: 38, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Rpc {
  private pending = new Map<number, () => void>();
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const requestId = chunk.subarray(0, 4);
      this.pending.set(chunk.readUInt32BE(4), () => socket.write(requestId));
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Rpc {
  private pending = new Map<number, () => void>();
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const requestId = Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer;
      this.pending.set(chunk.readUInt32BE(4), () => socket.write(requestId));
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 4)`","parent":"`chunk`, received by the 'data' handler","sink":"a closure kept in `this.pending`"}, line: 6, column: 25, endLine: 6, endColumn: 45, suggestions: [] }],
},
{
  code: `import type { IncomingMessage } from 'node:http';
class Upload {
  private preview: Buffer | null = null;
  collect(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.preview = Buffer.concat(chunks).subarray(0, 64);
    });
  }
}
`,
  output: `import type { IncomingMessage } from 'node:http';
class Upload {
  private preview: Buffer | null = null;
  collect(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.preview = Uint8Array.prototype.slice.call(Buffer.concat(chunks), 0, 64) as Buffer;
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`Buffer.concat(chunks).subarray(0, 64)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.preview`"}, line: 8, column: 22, endLine: 8, endColumn: 59, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  #frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.#frames.push(chunk.subarray(4, 12));
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  #frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.#frames.push(Uint8Array.prototype.slice.call(chunk, 4, 12) as Buffer);
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4, 12)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.#frames`"}, line: 6, column: 25, endLine: 6, endColumn: 46, suggestions: [] }],
},
{
  code: `class Session {
  private header: Buffer | null = null;
  attach(socket: import('node:net').Socket) {
    socket.addListener('data', function (chunk: Buffer) {
      session.header = chunk.subarray(0, 8);
    });
  }
}
declare const session: Session;
`,
  output: `class Session {
  private header: Buffer | null = null;
  attach(socket: import('node:net').Socket) {
    socket.addListener('data', function (chunk: Buffer) {
      session.header = Uint8Array.prototype.slice.call(chunk, 0, 8) as Buffer;
    });
  }
}
declare const session: Session;
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 8)`","parent":"`chunk`, received by the 'data' handler","sink":"`session.header`"}, line: 5, column: 24, endLine: 5, endColumn: 44, suggestions: [] }],
},
{
  code: `const cache = new Map<string, Uint8Array>();
export function listen(target: EventTarget) {
  target.addEventListener('message', (event: any) => {
    cache.set(event.origin, new Uint8Array(event.data.buffer, 0, 16));
  });
}
`,
  output: `const cache = new Map<string, Uint8Array>();
export function listen(target: EventTarget) {
  target.addEventListener('message', (event: any) => {
    cache.set(event.origin, new Uint8Array(event.data.buffer, 0, 16).slice());
  });
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`new Uint8Array(event.data.buffer, 0, 16)`","parent":"`event`, received by the 'message' handler","sink":"`cache`"}, line: 4, column: 29, endLine: 4, endColumn: 69, suggestions: [] }],
},
{
  code: `const seen = new Set<Buffer>();
process.on('message', (message: Buffer) => {
  seen.add(message.subarray(0, 20));
});
`,
  output: `const seen = new Set<Buffer>();
process.on('message', (message: Buffer) => {
  seen.add(Uint8Array.prototype.slice.call(message, 0, 20) as Buffer);
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`message.subarray(0, 20)`","parent":"`message`, received by the 'message' handler","sink":"`seen`"}, line: 3, column: 12, endLine: 3, endColumn: 35, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
const greetings: Buffer[] = [];
export async function readGreeting(socket: net.Socket) {
  for await (const chunk of socket) {
    greetings.push(chunk.subarray(0, 12));
    break;
  }
}
`,
  output: `import * as net from 'node:net';
const greetings: Buffer[] = [];
export async function readGreeting(socket: net.Socket) {
  for await (const chunk of socket) {
    greetings.push(Uint8Array.prototype.slice.call(chunk, 0, 12) as Buffer);
    break;
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 12)`","parent":"`chunk`, a chunk of `for await` over socket","sink":"`greetings`"}, line: 5, column: 20, endLine: 5, endColumn: 41, suggestions: [] }],
},
{
  code: `import { Transform } from 'node:stream';
const signatures: Buffer[] = [];
export const tap = new Transform({
  transform(chunk, _encoding, callback) {
    signatures.push(chunk.subarray(0, 4));
    callback(null, chunk);
  },
});
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 4)`","parent":"`chunk`, received by the Transform transform()","sink":"`signatures`"}, line: 5, column: 21, endLine: 5, endColumn: 41, suggestions: [{ messageId: 'copyExactly', output: `import { Transform } from 'node:stream';
const signatures: Buffer[] = [];
export const tap = new Transform({
  transform(chunk, _encoding, callback) {
    signatures.push(Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer);
    callback(null, chunk);
  },
});
` }] }],
},
{
  code: `import { DurableObject } from 'cloudflare:workers';
export class Room extends DurableObject {
  lastFrame: Uint8Array | null = null;
  async webSocketMessage(ws: WebSocket, message: ArrayBuffer) {
    this.lastFrame = new Uint8Array(message, 0, 32);
  }
}
`,
  output: `import { DurableObject } from 'cloudflare:workers';
export class Room extends DurableObject {
  lastFrame: Uint8Array | null = null;
  async webSocketMessage(ws: WebSocket, message: ArrayBuffer) {
    this.lastFrame = new Uint8Array(message, 0, 32).slice();
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`new Uint8Array(message, 0, 32)`","parent":"`message`, received by Room.webSocketMessage","sink":"`this.lastFrame`"}, line: 5, column: 22, endLine: 5, endColumn: 52, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private magic: Buffer | null = null;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const magic = chunk.subarray(0, 4);
      this.magic = magic;
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private magic: Buffer | null = null;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const magic = Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer;
      this.magic = magic;
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.magic`"}, line: 6, column: 21, endLine: 6, endColumn: 41, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private lastId?: Buffer;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      let id;
      id = chunk.subarray(0, 2);
      this.lastId = id;
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private lastId?: Buffer;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      let id;
      id = Uint8Array.prototype.slice.call(chunk, 0, 2) as Buffer;
      this.lastId = id;
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 2)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.lastId`"}, line: 7, column: 12, endLine: 7, endColumn: 32, suggestions: [] }],
},
{
  code: `import { parentPort } from 'node:worker_threads';
const digests: Buffer[] = [];
parentPort?.on('message', (msg: { payload: Buffer }) => {
  const { payload } = msg;
  digests.push(payload.subarray(payload.length - 32));
});
`,
  output: `import { parentPort } from 'node:worker_threads';
const digests: Buffer[] = [];
parentPort?.on('message', (msg: { payload: Buffer }) => {
  const { payload } = msg;
  digests.push(Uint8Array.prototype.slice.call(payload, payload.length - 32) as Buffer);
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`payload.subarray(payload.length - 32)`","parent":"`msg`, received by the 'message' handler","sink":"`digests`"}, line: 5, column: 16, endLine: 5, endColumn: 53, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private tail: Buffer | null = null;
  constructor(socket: net.Socket, keepTail: boolean) {
    socket.on('data', (chunk) => {
      this.tail = keepTail ? chunk.subarray(-16) : null;
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private tail: Buffer | null = null;
  constructor(socket: net.Socket, keepTail: boolean) {
    socket.on('data', (chunk) => {
      this.tail = keepTail ? Uint8Array.prototype.slice.call(chunk, -16) as Buffer : null;
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(-16)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.tail`"}, line: 6, column: 30, endLine: 6, endColumn: 49, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
function header(buf: Buffer): Buffer {
  return buf.subarray(0, 8);
}
class Conn {
  private headers: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.headers.push(header(chunk));
    });
  }
}
`,
  output: `import * as net from 'node:net';
function header(buf: Buffer): Buffer {
  return Uint8Array.prototype.slice.call(buf, 0, 8) as Buffer;
}
class Conn {
  private headers: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.headers.push(header(chunk));
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`buf.subarray(0, 8)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.headers`"}, line: 3, column: 10, endLine: 3, endColumn: 28, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private keys: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => this.remember(chunk.subarray(0, 32)));
  }
  private remember(key: Buffer) {
    this.keys.push(key);
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private keys: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => this.remember(Uint8Array.prototype.slice.call(chunk, 0, 32) as Buffer));
  }
  private remember(key: Buffer) {
    this.keys.push(key);
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 32)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.keys`"}, line: 5, column: 48, endLine: 5, endColumn: 69, suggestions: [] }],
},
{
  code: `import { WebSocketServer } from 'ws';
const sessions = new Map<string, { token?: Buffer }>();
new WebSocketServer({ port: 8080 }).on('connection', (ws, req) => {
  const id = String(req.headers['x-id']);
  ws.on('message', (data: Buffer) => {
    sessions.get(id)!.token = data.subarray(1, 17);
  });
});
`,
  output: `import { WebSocketServer } from 'ws';
const sessions = new Map<string, { token?: Buffer }>();
new WebSocketServer({ port: 8080 }).on('connection', (ws, req) => {
  const id = String(req.headers['x-id']);
  ws.on('message', (data: Buffer) => {
    sessions.get(id)!.token = Uint8Array.prototype.slice.call(data, 1, 17) as Buffer;
  });
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`data.subarray(1, 17)`","parent":"`data`, received by the 'message' handler","sink":"`sessions.get(id)!.token`"}, line: 6, column: 31, endLine: 6, endColumn: 51, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
export function keepAlive(socket: net.Socket) {
  socket.on('data', (chunk) => {
    const nonce = chunk.subarray(0, 8);
    setInterval(() => socket.write(nonce), 30_000);
  });
}
`,
  output: `import * as net from 'node:net';
export function keepAlive(socket: net.Socket) {
  socket.on('data', (chunk) => {
    const nonce = Uint8Array.prototype.slice.call(chunk, 0, 8) as Buffer;
    setInterval(() => socket.write(nonce), 30_000);
  });
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 8)`","parent":"`chunk`, received by the 'data' handler","sink":"a closure passed to setInterval()"}, line: 4, column: 19, endLine: 4, endColumn: 39, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private state = { version: 0, prelude: null as Buffer | null };
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      Object.assign(this.state, { prelude: chunk.subarray(0, 24) });
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private state = { version: 0, prelude: null as Buffer | null };
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      Object.assign(this.state, { prelude: Uint8Array.prototype.slice.call(chunk, 0, 24) as Buffer });
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 24)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.state`"}, line: 6, column: 44, endLine: 6, endColumn: 65, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private ids: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.ids.splice(0, 0, chunk.slice(0, 4));
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private ids: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.ids.splice(0, 0, Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer);
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.slice(0, 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.ids`"}, line: 6, column: 29, endLine: 6, endColumn: 46, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
const windows = new Map<number, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    windows.set(chunk.readUInt32BE(0), Buffer.from(chunk.buffer, chunk.byteOffset + 4, 64));
  });
});
`,
  output: `import * as net from 'node:net';
const windows = new Map<number, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    windows.set(chunk.readUInt32BE(0), Uint8Array.prototype.slice.call(Buffer.from(chunk.buffer, chunk.byteOffset + 4, 64)) as Buffer);
  });
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`Buffer.from(chunk.buffer, chunk.byteO...`","parent":"`chunk`, received by the 'data' handler","sink":"`windows`"}, line: 5, column: 40, endLine: 5, endColumn: 91, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
const headers: DataView[] = [];
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    headers.push(new DataView(chunk.buffer, chunk.byteOffset, 12));
  });
});
`,
  output: `import * as net from 'node:net';
const headers: DataView[] = [];
net.createServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    headers.push(new DataView(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + 12)));
  });
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`new DataView(chunk.buffer, chunk.byte...`","parent":"`chunk`, received by the 'data' handler","sink":"`headers`"}, line: 5, column: 18, endLine: 5, endColumn: 66, suggestions: [] }],
},
{
  code: `import * as fs from 'node:fs';
const file = fs.readFileSync('/var/lib/app/index.bin');
export const magic = file.subarray(0, 4);
`,
  output: `import * as fs from 'node:fs';
const file = fs.readFileSync('/var/lib/app/index.bin');
export const magic = Uint8Array.prototype.slice.call(file, 0, 4) as Buffer;
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`file.subarray(0, 4)`","parent":"the data read by `fs.readFileSync('/var/lib/app/index.b...`","sink":"the module variable `magic`"}, line: 3, column: 22, endLine: 3, endColumn: 41, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
export function createParser(socket: net.Socket) {
  const ids: Buffer[] = [];
  socket.on('data', (chunk) => {
    ids.push(chunk.subarray(0, 4));
  });
  return () => ids.length;
}
`,
  output: `import * as net from 'node:net';
export function createParser(socket: net.Socket) {
  const ids: Buffer[] = [];
  socket.on('data', (chunk) => {
    ids.push(Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer);
  });
  return () => ids.length;
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(0, 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`ids`"}, line: 5, column: 14, endLine: 5, endColumn: 34, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(/* length prefix */ 4));
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(/* length prefix */ 4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 6, column: 24, endLine: 6, endColumn: 61, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.frames.push((chunk as Buffer).subarray(4));
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk as Buffer, 4) as Buffer);
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`(chunk as Buffer).subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 6, column: 24, endLine: 6, endColumn: 53, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4) satisfies Buffer);
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push((Uint8Array.prototype.slice.call(chunk, 4) as Buffer) satisfies Buffer);
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 6, column: 24, endLine: 6, endColumn: 41, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frame: Buffer | null = null;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const frame = chunk.subarray(4);
      this.frame = frame;
      chunk.fill(0);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frame`"}, line: 6, column: 21, endLine: 6, endColumn: 38, suggestions: [{ messageId: 'copyExactly', output: `import * as net from 'node:net';
class Conn {
  private frame: Buffer | null = null;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const frame = Uint8Array.prototype.slice.call(chunk, 4) as Buffer;
      this.frame = frame;
      chunk.fill(0);
    });
  }
}
` }] }],
},
// The chunk handed after the view to a helper of this file that writes it in place, or to an imported
// one (its body is elsewhere): the kept view would see the write, so the copy is a suggestion.
{
  code: `import * as net from 'node:net';
function scrub(bytes: Buffer) {
  bytes.fill(0);
}
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4));
      scrub(chunk);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 9, column: 24, endLine: 9, endColumn: 41, suggestions: [{ messageId: 'copyExactly', output: `import * as net from 'node:net';
function scrub(bytes: Buffer) {
  bytes.fill(0);
}
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk, 4) as Buffer);
      scrub(chunk);
    });
  }
}
` }] }],
},
{
  code: `import * as net from 'node:net';
import { unmask } from './mask';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4));
      unmask(chunk, 7);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 7, column: 24, endLine: 7, endColumn: 41, suggestions: [{ messageId: 'copyExactly', output: `import * as net from 'node:net';
import { unmask } from './mask';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk, 4) as Buffer);
      unmask(chunk, 7);
    });
  }
}
` }] }],
},
{
  // The imported helper runs only in the other branch: it cannot write the chunk after the view.
  code: `import * as net from 'node:net';
import { unmask } from './mask';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      if (chunk[0] === 1) this.frames.push(chunk.subarray(4));
      else unmask(chunk, 7);
    });
  }
}
`,
  output: `import * as net from 'node:net';
import { unmask } from './mask';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      if (chunk[0] === 1) this.frames.push(Uint8Array.prototype.slice.call(chunk, 4) as Buffer);
      else unmask(chunk, 7);
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 7, column: 44, endLine: 7, endColumn: 61 }],
},
{
  // A helper that only reads the chunk after the view: the copy stays an autofix.
  code: `import * as net from 'node:net';
function size(bytes: Buffer) {
  return bytes.length;
}
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4));
      console.log(size(chunk));
    });
  }
}
`,
  output: `import * as net from 'node:net';
function size(bytes: Buffer) {
  return bytes.length;
}
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk, 4) as Buffer);
      console.log(size(chunk));
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 9, column: 24, endLine: 9, endColumn: 41 }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frame: Buffer | null = null;
  private offset = 0;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const frame = chunk.subarray(4);
      this.frame = frame;
      this.offset = frame.byteOffset;
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frame`"}, line: 7, column: 21, endLine: 7, endColumn: 38, suggestions: [{ messageId: 'copyExactly', output: `import * as net from 'node:net';
class Conn {
  private frame: Buffer | null = null;
  private offset = 0;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      const frame = Uint8Array.prototype.slice.call(chunk, 4) as Buffer;
      this.frame = frame;
      this.offset = frame.byteOffset;
    });
  }
}
` }] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4) as number);
    });
  }
}
`,
  output: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push((Uint8Array.prototype.slice.call(chunk, 4) as Buffer) as number);
    });
  }
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 6, column: 24, endLine: 6, endColumn: 41, suggestions: [] }],
},
{
  code: `class Ingest {
  private ids: Buffer[] = [];
  ingest(record: Buffer) {
    this.ids.push(record.subarray(0, 16));
  }
}
`,
  output: `class Ingest {
  private ids: Buffer[] = [];
  ingest(record: Buffer) {
    this.ids.push(Uint8Array.prototype.slice.call(record, 0, 16) as Buffer);
  }
}
`,
  settings: {"leakproof":{"handlerMethods":["ingest"]}},
  errors: [{ messageId: 'retainedView', data: {"view":"`record.subarray(0, 16)`","parent":"`record`, received by Ingest.ingest","sink":"`this.ids`"}, line: 4, column: 19, endLine: 4, endColumn: 41, suggestions: [] }],
},
{
  code: `class Ledger extends Mailbox {
  private entries: Buffer[] = [];
  deliver(entry: Buffer) {
    this.entries.push(entry.subarray(8));
  }
}
`,
  output: `class Ledger extends Mailbox {
  private entries: Buffer[] = [];
  deliver(entry: Buffer) {
    this.entries.push(Uint8Array.prototype.slice.call(entry, 8) as Buffer);
  }
}
`,
  settings: {"leakproof":{"actorBaseClasses":["Mailbox"]}},
  errors: [{ messageId: 'retainedView', data: {"view":"`entry.subarray(8)`","parent":"`entry`, received by Ledger.deliver","sink":"`this.entries`"}, line: 4, column: 23, endLine: 4, endColumn: 40, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
import { retainedBytes } from 'leakproof/runtime';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4));
      console.log(retainedBytes(chunk));
    });
  }
}
`,
  output: `import * as net from 'node:net';
import { retainedBytes, copy } from 'leakproof/runtime';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(copy(chunk, 4));
      console.log(retainedBytes(chunk));
    });
  }
}
`,
  options: [{"copyStyle":"runtime"}],
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 7, column: 24, endLine: 7, endColumn: 41, suggestions: [] }],
},
{
  code: `import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4, 20));
    });
  }
}
`,
  output: `import * as net from 'node:net';
import { copy } from 'leakproof/runtime';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(copy(chunk, 4, 20));
    });
  }
}
`,
  options: [{"copyStyle":"runtime"}],
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4, 20)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 6, column: 24, endLine: 6, endColumn: 45, suggestions: [] }],
},
{
  code: `const net = require('node:net');
class Conn {
  constructor(socket) {
    this.frames = [];
    socket.on('data', (chunk) => {
      this.frames.push(chunk.subarray(4, 8));
    });
  }
}
module.exports = { Conn };
`,
  output: null,
  filename: 'file.js',
  errors: [{ messageId: 'retainedView', data: {"view":"`chunk.subarray(4, 8)`","parent":"`chunk`, received by the 'data' handler","sink":"`this.frames`"}, line: 6, column: 24, endLine: 6, endColumn: 44, suggestions: [{ messageId: 'copyExactly', output: `const net = require('node:net');
class Conn {
  constructor(socket) {
    this.frames = [];
    socket.on('data', (chunk) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk, 4, 8));
    });
  }
}
module.exports = { Conn };
` }] }],
},

    ],
  },
  {
    valid: [],
    invalid: [
    // Message consumers: amqplib consume(), kafkajs eachMessage, NATS subscribe({ callback }), queue workers.
    {
      code: `const keys = new Set<Buffer>();
export async function start(consumer: { run(options: object): Promise<void> }) {
  await consumer.run({
    eachMessage: async ({ message }: { message: { value: Buffer | null } }) => {
      if (message.value) keys.add(message.value.subarray(0, 8));
    },
  });
}
`,
      output: `const keys = new Set<Buffer>();
export async function start(consumer: { run(options: object): Promise<void> }) {
  await consumer.run({
    eachMessage: async ({ message }: { message: { value: Buffer | null } }) => {
      if (message.value) keys.add(Uint8Array.prototype.slice.call(message.value, 0, 8) as Buffer);
    },
  });
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`message.value.subarray(0, 8)`","parent":"`message`, received by the eachMessage() handler","sink":"`keys`"},
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 63,
          suggestions: [],
        },
      ],
    },

    {
      code: `const heads: Uint8Array[] = [];
export function follow(nc: { subscribe(subject: string, options: object): unknown }) {
  nc.subscribe('updates', {
    callback(err: Error | null, msg: { data: Uint8Array }) {
      if (!err) heads.push(msg.data.subarray(0, 8));
    },
  });
}
`,
      output: `const heads: Uint8Array[] = [];
export function follow(nc: { subscribe(subject: string, options: object): unknown }) {
  nc.subscribe('updates', {
    callback(err: Error | null, msg: { data: Uint8Array }) {
      if (!err) heads.push(Uint8Array.prototype.slice.call(msg.data, 0, 8));
    },
  });
}
`,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`msg.data.subarray(0, 8)`","parent":"`msg`, received by the subscribe() callback","sink":"`heads`"},
          line: 5,
          column: 28,
          endLine: 5,
          endColumn: 51,
          suggestions: [],
        },
      ],
    },
{
  code: `import { parentPort } from 'node:worker_threads';
const recent: Uint8Array[] = [];
parentPort?.prependListener('message', (msg: { body: Uint8Array }) => {
  recent.unshift(msg.body.subarray(0, 64));
});
`,
  output: `import { parentPort } from 'node:worker_threads';
const recent: Uint8Array[] = [];
parentPort?.prependListener('message', (msg: { body: Uint8Array }) => {
  recent.unshift(Uint8Array.prototype.slice.call(msg.body, 0, 64));
});
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`msg.body.subarray(0, 64)`","parent":"`msg`, received by the 'message' handler","sink":"`recent`"}, line: 4, column: 18, endLine: 4, endColumn: 42, suggestions: [] }],
},
{
  code: `let lastTag: Buffer | undefined;
export function watch(port: { onmessage: ((event: { data: Buffer }) => void) | null }) {
  port.onmessage = (event) => {
    lastTag = event.data.subarray(0, 4);
  };
}
`,
  output: `let lastTag: Buffer | undefined;
export function watch(port: { onmessage: ((event: { data: Buffer }) => void) | null }) {
  port.onmessage = (event) => {
    lastTag = Uint8Array.prototype.slice.call(event.data, 0, 4) as Buffer;
  };
}
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`event.data.subarray(0, 4)`","parent":"`event`, received by the onmessage handler","sink":"the module variable `lastTag`"}, line: 4, column: 15, endLine: 4, endColumn: 40, suggestions: [] }],
},
{
  code: `import { spawn } from './actors';
interface State { header: Buffer | null }
spawn(null, (state: State, msg: { packet: Buffer }) => ({ ...state, header: msg.packet.subarray(0, 8) }), 'reader');
`,
  output: `import { spawn } from './actors';
interface State { header: Buffer | null }
spawn(null, (state: State, msg: { packet: Buffer }) => ({ ...state, header: Uint8Array.prototype.slice.call(msg.packet, 0, 8) as Buffer }), 'reader');
`,
  errors: [{ messageId: 'retainedView', data: {"view":"`msg.packet.subarray(0, 8)`","parent":"`msg`, received by the actor handler passed to spawn()","sink":"the state returned by the actor handler passed to spawn()"}, line: 3, column: 77, endLine: 3, endColumn: 102, suggestions: [] }],
},

    ],
  },
  {
    valid: [],
    invalid: [
    // Message consumers: amqplib consume(), kafkajs eachMessage, NATS subscribe({ callback }), queue workers.
    {
      code: `const keys = new Set<Buffer>();
export async function start(consumer: { run(options: object): Promise<void> }) {
  await consumer.run({
    eachMessage: async ({ message }: { message: { value: Buffer | null } }) => {
      if (message.value) keys.add(message.value.subarray(0, 8));
    },
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`message.value.subarray(0, 8)`","parent":"`message`, received by the eachMessage() handler","sink":"`keys`"},
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 63,
          suggestions: [
            { messageId: 'copyExactly', output: `const keys = new Set<Buffer>();
export async function start(consumer: { run(options: object): Promise<void> }) {
  await consumer.run({
    eachMessage: async ({ message }: { message: { value: Buffer | null } }) => {
      if (message.value) keys.add(Uint8Array.prototype.slice.call(message.value, 0, 8));
    },
  });
}
` },
          ],
        },
      ],
    },

    {
      code: `const heads: Uint8Array[] = [];
export function follow(nc: { subscribe(subject: string, options: object): unknown }) {
  nc.subscribe('updates', {
    callback(err: Error | null, msg: { data: Uint8Array }) {
      if (!err) heads.push(msg.data.subarray(0, 8));
    },
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'retainedView',
          data: {"view":"`msg.data.subarray(0, 8)`","parent":"`msg`, received by the subscribe() callback","sink":"`heads`"},
          line: 5,
          column: 28,
          endLine: 5,
          endColumn: 51,
          suggestions: [
            { messageId: 'copyExactly', output: `const heads: Uint8Array[] = [];
export function follow(nc: { subscribe(subject: string, options: object): unknown }) {
  nc.subscribe('updates', {
    callback(err: Error | null, msg: { data: Uint8Array }) {
      if (!err) heads.push(Uint8Array.prototype.slice.call(msg.data, 0, 8));
    },
  });
}
` },
          ],
        },
      ],
    },
{
  code: `import { parentPort } from 'node:worker_threads';
const recent: Uint8Array[] = [];
parentPort?.prependListener('message', (msg: { body: Uint8Array }) => {
  recent.unshift(msg.body.subarray(0, 64));
});
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`msg.body.subarray(0, 64)`","parent":"`msg`, received by the 'message' handler","sink":"`recent`"}, line: 4, column: 18, endLine: 4, endColumn: 42, suggestions: [{ messageId: 'copyExactly', output: `import { parentPort } from 'node:worker_threads';
const recent: Uint8Array[] = [];
parentPort?.prependListener('message', (msg: { body: Uint8Array }) => {
  recent.unshift(Uint8Array.prototype.slice.call(msg.body, 0, 64));
});
` }] }],
},
{
  code: `let lastTag: Buffer | undefined;
export function watch(port: { onmessage: ((event: { data: Buffer }) => void) | null }) {
  port.onmessage = (event) => {
    lastTag = event.data.subarray(0, 4);
  };
}
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`event.data.subarray(0, 4)`","parent":"`event`, received by the onmessage handler","sink":"the module variable `lastTag`"}, line: 4, column: 15, endLine: 4, endColumn: 40, suggestions: [{ messageId: 'copyExactly', output: `let lastTag: Buffer | undefined;
export function watch(port: { onmessage: ((event: { data: Buffer }) => void) | null }) {
  port.onmessage = (event) => {
    lastTag = Uint8Array.prototype.slice.call(event.data, 0, 4);
  };
}
` }] }],
},
{
  code: `import { spawn } from './actors';
interface State { header: Buffer | null }
spawn(null, (state: State, msg: { packet: Buffer }) => ({ ...state, header: msg.packet.subarray(0, 8) }), 'reader');
`,
  output: null,
  errors: [{ messageId: 'retainedView', data: {"view":"`msg.packet.subarray(0, 8)`","parent":"`msg`, received by the actor handler passed to spawn()","sink":"the state returned by the actor handler passed to spawn()"}, line: 3, column: 77, endLine: 3, endColumn: 102, suggestions: [{ messageId: 'copyExactly', output: `import { spawn } from './actors';
interface State { header: Buffer | null }
spawn(null, (state: State, msg: { packet: Buffer }) => ({ ...state, header: Uint8Array.prototype.slice.call(msg.packet, 0, 8) }), 'reader');
` }] }],
},

    ],
  },
);

// A chunk decoded into the same variable before it is cut is a string from there on: no view is made
// (no-retained-substring reports the slice instead), and a Buffer copy of it would throw.
describe('reassignment', () => {
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        `import * as net from 'node:net';
const heads: string[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk: any) => {
  chunk = chunk.toString('utf8');
  heads.push(chunk.slice(0, 40));
});
`,
      ],
      invalid: [],
    },
    { valid: [], invalid: [
        {
          // With types the chunk is a Buffer whatever the branch did: the copy is an autofix.
          code: `import * as net from 'node:net';
const heads: Buffer[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk) => {
  if (chunk.length > 1024) chunk = chunk.subarray(0, 1024);
  heads.push(chunk.subarray(0, 40));
});
`,
          output: `import * as net from 'node:net';
const heads: Buffer[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk) => {
  if (chunk.length > 1024) chunk = chunk.subarray(0, 1024);
  heads.push(Uint8Array.prototype.slice.call(chunk, 0, 40) as Buffer);
});
`,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`chunk.subarray(0, 40)`', parent: "`chunk`, received by the 'data' handler", sink: '`heads`' },
              line: 6,
              column: 14,
              endLine: 6,
              endColumn: 35,
              suggestions: [],
            },
          ],
        },
    ] },
    { valid: [], invalid: [
        {
          // Without types too: a write in a branch may or may not have run, but the chunk is a socket's (a Buffer)
          // and the only value it is given is a cut of itself, a Buffer as well; the copy is applied as typed.
          code: `import * as net from 'node:net';
const heads: Buffer[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk) => {
  if (chunk.length > 1024) chunk = chunk.subarray(0, 1024);
  heads.push(chunk.subarray(0, 40));
});
`,
          output: `import * as net from 'node:net';
const heads: Buffer[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk) => {
  if (chunk.length > 1024) chunk = chunk.subarray(0, 1024);
  heads.push(Uint8Array.prototype.slice.call(chunk, 0, 40) as Buffer);
});
`,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`chunk.subarray(0, 40)`', parent: "`chunk`, received by the 'data' handler", sink: '`heads`' },
              line: 6,
              column: 14,
              endLine: 6,
              endColumn: 35,
              suggestions: [],
            },
          ],
        },
    ] },
  );
});

// A small Buffer from the shared pool kept under a key in a long-lived table, or in a field set by a
// constructor (each instance keeps one), pins a whole pool slab (shared fact: pool-pinning.js). Fields a
// method sets, queues and tables filled at the module's top level are not (working buffers and start-up
// caches, not leaks, on real code).
describe('pooled Buffers kept in a table', () => {
  const pooled = (value: string, factory: string, sink: string) => ({
    value: `\`${value}\``,
    factory: `\`${factory}\``,
    sink,
  });
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Buffers that own their memory.
        `export class Records {
  table = new Map<string, Buffer>();
  put(key: string, size: number) {
    this.table.set(key, Buffer.alloc(size));
    this.table.set(key + '!', Buffer.allocUnsafeSlow(size));
  }
}
`,
        // A field holds one Buffer at a time; a queue is drained.
        `export class Peer {
  latest: Buffer | null = null;
  queue: Buffer[] = [];
  onFrame(frame: Uint8Array) {
    this.latest = Buffer.from(frame);
    this.queue.push(Buffer.from(frame));
  }
}
`,
        // Too large for the pool; a view of an ArrayBuffer is not a pool slice.
        `const table = new Map<string, Buffer>();
export function put(key: string, data: ArrayBuffer) {
  table.set(key, Buffer.allocUnsafe(65536));
  table.set(key + '!', Buffer.from(data, 0, 16));
}
`,
        // A table filled at the module's top level takes its Buffers one after another.
        `const names = new Map<number, Buffer>();
names.set(1, Buffer.from('one'));
export { names };
`,
        // A class of this file named like a cache library's is not known to keep what it is given.
        `class LRUCache<K, V> {
  set(key: K, value: V) {
    return [key, value];
  }
}
import * as net from 'node:net';
const seen = new LRUCache<string, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    seen.set(chunk.toString('hex', 0, 8), chunk.subarray(0, 8));
  });
});
`,
        // A packet the code writes out as bytes (it has `toPacket`): built to be sent, not kept (mysql2's ChangeUser).
        `const Packet = require('./packet.js');
class ChangeUser {
  constructor(opts) {
    this.authToken = Buffer.from(opts.token);
  }
  toPacket() {
    return new Packet(0, Buffer.concat([this.authToken]), 0, 1);
  }
}
module.exports = ChangeUser;
`,
        // Not the library: a local object with a method of the same name.
        `const b4a = { from: (text: string) => text.length };
const lengths = new Map<string, number>();
export function count(text: string) {
  lengths.set(text, b4a.from(text));
}
`,
      ],
      invalid: [
        // A function of another file of the package that returns a pooled Buffer it made
        // (test/typed/pkg/crypto.js), kept by a constructor: hyperdht's Server kept `hash(publicKey)`.
        // A helper that allocates out of the pool is kept safely; one of the same file is not followed.
        {
          code: `import { hash, unslabbedHash } from './pkg/crypto.js';
import b4a from 'b4a';
function localHash(data: Uint8Array) {
  const out = b4a.allocUnsafe(32);
  return out;
}
export class Server {
  target: Uint8Array;
  other: Uint8Array;
  local: Uint8Array;
  constructor(key: Uint8Array) {
    this.target = hash(key);
    this.other = unslabbedHash(key);
    this.local = localHash(key);
  }
}
`,
          filename: TYPED_FILENAME,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: { value: '`hash(key)`', factory: '`b4a.allocUnsafe()`, called in `hash()` of `./pkg/crypto.js`,', sink: '`this.target`' },
              line: 12,
              column: 19,
              endLine: 12,
              endColumn: 28,
              suggestions: [{ messageId: 'copyOutOfPool', output: `import { hash, unslabbedHash } from './pkg/crypto.js';
import b4a from 'b4a';
function localHash(data: Uint8Array) {
  const out = b4a.allocUnsafe(32);
  return out;
}
export class Server {
  target: Uint8Array;
  other: Uint8Array;
  local: Uint8Array;
  constructor(key: Uint8Array) {
    this.target = Uint8Array.prototype.slice.call(hash(key));
    this.other = unslabbedHash(key);
    this.local = localHash(key);
  }
}
` }],
            },
          ],
        },
        // Set by a constructor: every instance keeps its own pooled Buffer for its whole life.
        {
          code: `export class Cipher {
  private readonly iv: Buffer;
  constructor() {
    this.iv = Buffer.allocUnsafe(16);
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('Buffer.allocUnsafe(16)', 'Buffer.allocUnsafe()', '`this.iv`'),
              line: 4,
              column: 15,
              endLine: 4,
              endColumn: 37,
              suggestions: [{ messageId: 'copyOutOfPool', output: `export class Cipher {
  private readonly iv: Buffer;
  constructor() {
    this.iv = Buffer.allocUnsafeSlow(16);
  }
}
` }],
            },
          ],
        },
        {
          code: `const b4a = require('b4a');
function SecurePayload(key) {
  this.key = key;
  this.nonce = b4a.allocUnsafe(24);
}
SecurePayload.prototype.seal = function (message) {
  return [this.nonce, message];
};
module.exports = SecurePayload;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('b4a.allocUnsafe(24)', 'b4a.allocUnsafe()', '`this.nonce`'),
              line: 4,
              column: 16,
              endLine: 4,
              endColumn: 35,
              suggestions: [{ messageId: 'copyOutOfPool', output: `const b4a = require('b4a');
function SecurePayload(key) {
  this.key = key;
  this.nonce = b4a.allocUnsafeSlow(24);
}
SecurePayload.prototype.seal = function (message) {
  return [this.nonce, message];
};
module.exports = SecurePayload;
` }],
            },
          ],
        },
        {
          code: `export class Records {
  table = new Map<string, Buffer>();
  onAnnounce(key: string, value: Uint8Array) {
    this.table.set(key, Buffer.from(value));
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('Buffer.from(value)', 'Buffer.from()', '`this.table`'),
              line: 4,
              column: 25,
              endLine: 4,
              endColumn: 43,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `export class Records {
  table = new Map<string, Buffer>();
  onAnnounce(key: string, value: Uint8Array) {
    this.table.set(key, Uint8Array.prototype.slice.call(Buffer.from(value)) as Buffer);
  }
}
`,
                },
              ],
            },
          ],
        },
        {
          // A cache library's class keeps what is `set` in it, as a Map does.
          code: `import { LRUCache } from 'lru-cache';
import * as net from 'node:net';
const seen = new LRUCache<string, Buffer>({ max: 1000 });
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    seen.set(chunk.toString('hex', 0, 8), chunk.subarray(0, 8));
  });
});
`,
          output: `import { LRUCache } from 'lru-cache';
import * as net from 'node:net';
const seen = new LRUCache<string, Buffer>({ max: 1000 });
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    seen.set(chunk.toString('hex', 0, 8), Uint8Array.prototype.slice.call(chunk, 0, 8) as Buffer);
  });
});
`,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`chunk.subarray(0, 8)`', parent: "`chunk`, received by the 'data' handler", sink: '`seen`' },
              line: 6,
              column: 43,
              endLine: 6,
              endColumn: 63,
            },
          ],
        },
        {
          // holepunch's xache: `this.mutables = new Cache(…)` is a keyed table.
          code: `const Cache = require('xache');
const c = require('compact-encoding');
class Persistent {
  constructor(opts) {
    this.mutables = new Cache(opts);
  }
  onmutableput(k, m) {
    this.mutables.set(k, c.encode(c.raw, m));
  }
}
module.exports = Persistent;
`,
          filename: 'persistent.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('c.encode(c.raw, m)', 'c.encode()', '`this.mutables`'),
              line: 8,
              column: 26,
              endLine: 8,
              endColumn: 44,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `const Cache = require('xache');
const c = require('compact-encoding');
class Persistent {
  constructor(opts) {
    this.mutables = new Cache(opts);
  }
  onmutableput(k, m) {
    this.mutables.set(k, Uint8Array.prototype.slice.call(c.encode(c.raw, m)));
  }
}
module.exports = Persistent;
`,
                },
              ],
            },
          ],
        },
        {
          // b4a's `from` is Node's `Buffer.from` (a plain Uint8Array in browsers): no cast.
          code: `import b4a from 'b4a';
const peers = new Map<string, Uint8Array>();
export function remember(id: string, key: string) {
  peers.set(id, b4a.from(key, 'hex'));
}
`,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled("b4a.from(key, 'hex')", 'b4a.from()', '`peers`'),
              line: 4,
              column: 17,
              endLine: 4,
              endColumn: 37,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `import b4a from 'b4a';
const peers = new Map<string, Uint8Array>();
export function remember(id: string, key: string) {
  peers.set(id, Uint8Array.prototype.slice.call(b4a.from(key, 'hex')));
}
`,
                },
              ],
            },
          ],
        },
        {
          // compact-encoding's `encode` writes into `b4a.allocUnsafe(size)`; the record is kept in an object.
          code: `const c = require('compact-encoding');
class Announcer {
  constructor(dht) {
    this.dht = dht;
  }
  announce(key, peer) {
    const record = c.encode(c.buffer, peer);
    this.dht.router.set(key, { record, at: Date.now() });
  }
}
module.exports = Announcer;
`,
          filename: 'announcer.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('c.encode(c.buffer, peer)', 'c.encode()', '`this.dht.router`'),
              line: 7,
              column: 20,
              endLine: 7,
              endColumn: 44,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `const c = require('compact-encoding');
class Announcer {
  constructor(dht) {
    this.dht = dht;
  }
  announce(key, peer) {
    const record = Uint8Array.prototype.slice.call(c.encode(c.buffer, peer));
    this.dht.router.set(key, { record, at: Date.now() });
  }
}
module.exports = Announcer;
`,
                },
              ],
            },
          ],
        },
        {
          // `allocUnsafe` has an unpooled twin of the same type.
          code: `const ids = new Map<string, Buffer>();
export function idFor(host: string) {
  const out = Buffer.allocUnsafe(32);
  out.write(host);
  ids.set(host, out);
  return out;
}
`,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('Buffer.allocUnsafe(32)', 'Buffer.allocUnsafe()', '`ids`'),
              line: 3,
              column: 15,
              endLine: 3,
              endColumn: 37,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `const ids = new Map<string, Buffer>();
export function idFor(host: string) {
  const out = Buffer.allocUnsafeSlow(32);
  out.write(host);
  ids.set(host, out);
  return out;
}
`,
                },
              ],
            },
          ],
        },
        {
          // `Buffer.concat` copies the bytes: the view inside it is not what the table keeps, the pooled result is.
          code: `import * as net from 'node:net';
const heads = new Map<string, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    heads.set(String(socket.remotePort), Buffer.concat([chunk.subarray(0, 4)]));
  });
});
`,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('Buffer.concat([chunk.subarray(0, 4)])', 'Buffer.concat()', '`heads`'),
              line: 5,
              column: 42,
              endLine: 5,
              endColumn: 79,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `import * as net from 'node:net';
const heads = new Map<string, Buffer>();
net.createServer((socket) => {
  socket.on('data', (chunk) => {
    heads.set(String(socket.remotePort), Uint8Array.prototype.slice.call(Buffer.concat([chunk.subarray(0, 4)])) as Buffer);
  });
});
`,
                },
              ],
            },
          ],
        },
        {
          // With copyStyle 'runtime' the copy is leakproof/runtime's `copy`.
          code: `const sessions = new Map<string, Buffer>();
export function open(id: string, token: string) {
  sessions.set(id, Buffer.concat([Buffer.from(id), Buffer.from(token)]));
}
`,
          options: [{ copyStyle: 'runtime' }],
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('Buffer.concat([Buffer.from(id), Buffe...', 'Buffer.concat()', '`sessions`'),
              line: 3,
              column: 20,
              endLine: 3,
              endColumn: 72,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `import { copy } from 'leakproof/runtime';
const sessions = new Map<string, Buffer>();
export function open(id: string, token: string) {
  sessions.set(id, copy(Buffer.concat([Buffer.from(id), Buffer.from(token)])));
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

// A pre-class stream (`inherits(C, stream.Duplex)`, `C.prototype._write = function (chunk, …)`) gets
// chunks as a class stream does: Buffers, unless its constructor asks the base for object mode.
describe('pre-class streams', () => {
  const rows = (options: string, use: string) => `var inherits = require('inherits');
var stream = require('stream');
function Rows() {
  stream.Transform.call(this, ${options});
}
inherits(Rows, stream.Transform);
Rows.prototype._transform = function (row, encoding, callback) {
  ${use}
  callback();
};
module.exports = Rows;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [{ code: rows('{ objectMode: true }', 'this.last = row.slice(0, 4);'), filename: 'file.js' }],
      invalid: [
        {
          code: rows('{ highWaterMark: 4 }', 'this.last = row.slice(0, 4);'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`row.slice(0, 4)`', parent: '`row`, received by Rows._transform', sink: '`this.last`' },
              line: 8,
              column: 15,
              endLine: 8,
              endColumn: 30,
              suggestions: [{ messageId: 'copyExactly', output: rows('{ highWaterMark: 4 }', 'this.last = Uint8Array.prototype.slice.call(row, 0, 4);') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// An object built with a view keeps it, as a record does: a library's class (secret-stream's
// `new Push(key.subarray(0, 32))`), or a class of the file whose constructor stores that parameter.
describe('objects built with a view', () => {
  const built = (head: string, use: string) => `${head}
class Session {
  constructor() {
    this.cipher = null;
  }
  onData(chunk) {
    ${use}
  }
}
module.exports = Session;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // The constructor reads the key and keeps a number.
        { code: built('class Push {\n  constructor(key) {\n    this.size = key.length;\n  }\n}', 'this.cipher = new Push(chunk.subarray(0, 32));'), filename: 'file.js' },
        // The platform's classes copy or parse what they are given.
        { code: built('', 'this.cipher = new Uint8Array(chunk.subarray(0, 32));'), filename: 'file.js' },
      ],
      invalid: [
        {
          code: built("const Push = require('./push');", 'this.cipher = new Push(chunk.subarray(0, 32));'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`chunk.subarray(0, 32)`', parent: '`chunk`, received by Session.onData', sink: '`this.cipher`' },
              line: 7,
              column: 28,
              endLine: 7,
              endColumn: 49,
              suggestions: [{ messageId: 'copyExactly', output: built("const Push = require('./push');", 'this.cipher = new Push(Uint8Array.prototype.slice.call(chunk, 0, 32));') }],
            },
          ],
        },
        {
          code: built('class Push {\n  constructor(key) {\n    this.key = key;\n  }\n}', 'this.cipher = new Push(chunk.subarray(0, 32));'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`chunk.subarray(0, 32)`', parent: '`chunk`, received by Session.onData', sink: '`this.cipher`' },
              line: 11,
              column: 28,
              endLine: 11,
              endColumn: 49,
              suggestions: [{ messageId: 'copyExactly', output: built('class Push {\n  constructor(key) {\n    this.key = key;\n  }\n}', 'this.cipher = new Push(Uint8Array.prototype.slice.call(chunk, 0, 32));') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Shapes of real fixes: sodium-secretstream's pooled default parameters, hypercore's node cache.
describe('defaults, read callbacks and caches handed in', () => {
  const pooled = (value: string, factory: string, sink: string) => ({ value: `\`${value}\``, factory: `\`${factory}\``, sink });
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // A default a method uses and drops: one call's working buffer.
        {
          code: `const b4a = require('b4a');
class Push {
  constructor(key) {
    this.key = key;
  }
  final(message, cipher = b4a.allocUnsafe(17)) {
    cipher.set(message);
    return cipher.length;
  }
}
module.exports = Push;
`,
          filename: 'file.js',
        },
        // The default is stored only after an unpooled copy.
        {
          code: `const b4a = require('b4a');
class Pull {
  constructor(key, state = b4a.allocUnsafe(52)) {
    this.state = Uint8Array.prototype.slice.call(state);
  }
}
module.exports = Pull;
`,
          filename: 'file.js',
        },
        // A read whose callback's first parameter is no error: not an error-first read callback.
        {
          code: `const cache = new Map();
function load(storage, index) {
  storage.read(index, (data) => {
    cache.set(index, data.subarray(8));
  });
}
module.exports = load;
`,
          filename: 'file.js',
        },
        // A cache with a default of its own may be this call's alone: not assumed to outlive it.
        {
          code: `function load(storage, index, done, cache = new Map()) {
  storage.read(index * 40, 40, (err, data) => {
    if (err) return done(err);
    cache.set(index, data.subarray(8));
    done(null, cache.size);
  });
}
module.exports = load;
`,
          filename: 'file.js',
        },
        // A Map of the callback's own, dropped when it returns.
        {
          code: `function load(storage, index, done) {
  storage.read(index * 40, 40, (err, data) => {
    if (err) return done(err);
    const seen = new Map();
    seen.set(index, data.subarray(8));
    done(null, seen.size);
  });
}
module.exports = load;
`,
          filename: 'file.js',
        },
      ],
      invalid: [
        {
          code: `const b4a = require('b4a');
class Pull {
  constructor(key, state = b4a.allocUnsafe(52)) {
    this.key = key;
    this.state = state;
  }
}
module.exports = Pull;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: pooled('b4a.allocUnsafe(52)', 'b4a.allocUnsafe()', '`this.state`'),
              line: 3,
              column: 28,
              endLine: 3,
              endColumn: 47,
              suggestions: [{ messageId: 'copyOutOfPool', output: `const b4a = require('b4a');
class Pull {
  constructor(key, state = b4a.allocUnsafeSlow(52)) {
    this.key = key;
    this.state = state;
  }
}
module.exports = Pull;
` }],
            },
          ],
        },
        {
          code: `function getStoredNode(storage, index, cache) {
  return new Promise((resolve, reject) => {
    storage.read(40 * index, 40, (err, data) => {
      if (err) return reject(err);
      const hash = data.subarray(8);
      const node = { index, hash };
      if (cache !== null) cache.set(index, node);
      resolve(node);
    });
  });
}
module.exports = getStoredNode;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`data.subarray(8)`', parent: 'the data read by `storage.read()`', sink: '`cache`' },
              line: 5,
              column: 20,
              endLine: 5,
              endColumn: 36,
              suggestions: [{ messageId: 'copyExactly', output: `function getStoredNode(storage, index, cache) {
  return new Promise((resolve, reject) => {
    storage.read(40 * index, 40, (err, data) => {
      if (err) return reject(err);
      const hash = Uint8Array.prototype.slice.call(data, 8);
      const node = { index, hash };
      if (cache !== null) cache.set(index, node);
      resolve(node);
    });
  });
}
module.exports = getStoredNode;
` }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// checkParserOutput (strict): views of a parsing function's own input handed back in its result.
// Deno's iterateReader: each read fills a fresh 32 KiB buffer and the generator yields the bytes read, a
// view that keeps all of it for as long as the caller keeps the chunk.
describe('views of a buffer a read fills', () => {
  const reader = (body: string) => `export interface Reader {
  read(p: Uint8Array): Promise<number | null>;
}
${body}`;
  const generator = (alloc: string, piece: string) =>
    reader(`export async function* iterateReader(r: Reader, bufSize = 32 * 1024) {
  while (true) {
${alloc}    const result = await r.read(b);
    if (result === null) break;
    yield ${piece};
  }
}
`);
  const fresh = '  const b = new Uint8Array(bufSize);\n';
  const readAll = (size: string, piece: string) => `import * as fs from 'node:fs';
export function readHead(fd: number) {
  const buf = Buffer.alloc(${size});
  const bytesRead = fs.readSync(fd, buf, 0, ${size}, 0);
  return ${piece};
}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // An exact copy, as Deno's fix yields.
        generator(fresh, 'b.slice(0, result)'),
        // One buffer read into again and again: its views share it (and alias), and do not add up.
        reader(`export async function* iterateReader(r: Reader, bufSize = 32 * 1024) {
  const b = new Uint8Array(bufSize);
  while (true) {
    const result = await r.read(b);
    if (result === null) break;
    yield b.subarray(0, result);
  }
}
`),
        // A buffer too small to matter.
        readAll('16', 'buf.subarray(0, bytesRead)'),
        // A `Buffer` of the module's own (a ring buffer class here), not Node's: nothing says what `alloc` makes.
        readAll('65536', 'buf.subarray(0, bytesRead)').replace("import * as fs from 'node:fs';", "import * as fs from 'node:fs';\nimport { Buffer } from './ring';"),
        // Not the module's interface: its callers in the file decide.
        `import * as fs from 'node:fs';
function readHead(fd: number) {
  const buf = Buffer.alloc(65536);
  const bytesRead = fs.readSync(fd, buf, 0, 65536, 0);
  return buf.subarray(0, bytesRead);
}
export function headLength(fd: number) {
  return readHead(fd).length;
}
`,
      ],
      invalid: [
        {
          code: generator(fresh, 'b.subarray(0, result)'),
          output: generator(fresh, 'b.slice(0, result)'),
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`b.subarray(0, result)`', parent: 'the buffer `b` that `r.read()` fills', sink: '`iterateReader()` yields it' },
              line: 9,
              column: 11,
              endLine: 9,
              endColumn: 32,
              suggestions: [],
            },
          ],
        },
        {
          code: readAll('65536', 'buf.subarray(0, bytesRead)'),
          // A proven Buffer, nothing reads the view's identity after: the exact copy is the fix.
          output: readAll('65536', 'Uint8Array.prototype.slice.call(buf, 0, bytesRead) as Buffer'),
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`buf.subarray(0, bytesRead)`', parent: 'the buffer `buf` that `fs.readSync()` fills', sink: '`readHead()` returns it in its result' },
              line: 5,
              column: 10,
              endLine: 5,
              endColumn: 36,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// A promise's executor resolving with the view, from a callback inside it: whoever awaits the promise keeps it.
describe('views a promise resolves with', () => {
  const peer = (piece: string) => `import * as net from 'node:net';
export class Peer {
  id?: Buffer;
  constructor(socket: net.Socket) {
    socket.on('data', async (chunk) => {
      this.id = await this.readId(chunk);
    });
  }
  private readId(chunk: Buffer): Promise<Buffer> {
    return new Promise((resolve) => {
      setImmediate(() => resolve(${piece}));
    });
  }
}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        peer('Uint8Array.prototype.slice.call(chunk, 0, 16) as Buffer'),
        // Awaited and dropped: only its length is kept.
        peer('chunk.subarray(0, 16)').replace('this.id = await this.readId(chunk);', 'console.log((await this.readId(chunk)).length);'),
      ],
      invalid: [
        {
          code: peer('chunk.subarray(0, 16)'),
          output: peer('Uint8Array.prototype.slice.call(chunk, 0, 16) as Buffer'),
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`chunk.subarray(0, 16)`', parent: "`chunk`, received by the 'data' handler", sink: '`this.id`' },
              line: 11,
              column: 34,
              endLine: 11,
              endColumn: 55,
              suggestions: [],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('parser output', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const bson = (binary: string) => `function parse(buffer, offset) {
  const object = {};
  while (offset < buffer.length) {
    const name = buffer[offset++];
    const length = buffer[offset++];
    const binary = ${binary};
    offset += length;
    object[name] = binary;
  }
  return object;
}
module.exports = parse;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Off by default.
        { code: bson('buffer.slice(offset, offset + length)'), filename: 'file.js' },
        // A function not named as a parser.
        { code: bson('buffer.slice(offset, offset + length)').replace(/parse/g, 'collect'), filename: 'file.js', options: on },
        // Copied pieces.
        { code: bson('Uint8Array.prototype.slice.call(buffer, offset, offset + length)'), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: bson('buffer.subarray(offset, offset + length)'),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`buffer.subarray(offset, offset + length)`', parent: '`buffer`, the input of `parse()`', sink: '`parse()` returns it in its result' },
              line: 6,
              column: 20,
              endLine: 6,
              endColumn: 60,
              suggestions: [{ messageId: 'copyExactly', output: bson('Uint8Array.prototype.slice.call(buffer, offset, offset + length)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// bcoin's packet parser: `Parser.parseInvList = function (p) {…}`, called from `parsePayload(cmd, p)`, which also
// hands `p` to `Parser.parseVersion(p)`, where a cut of it is used as a Buffer (`agent.toString('ascii')`): `p` is a
// Buffer there too, cut to itself (`p = p.slice(1)`), and its views go back in the parser's records.
describe('parser output: a parameter known as a Buffer from the functions of the file it is handed to', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const parser = (agentUse: string, hash = 'p.slice(off + 4, off + 36)') => `function Parser() {}
Parser.prototype.parsePayload = function (cmd, p) {
  if (cmd === 'version') return Parser.parseVersion(p);
  if (cmd === 'inv') return Parser.parseInvList(p);
  return p;
};
Parser.parseVersion = function (p) {
  var agent;
  agent = p.slice(4, 4 + p[3]);
  return { agent: ${agentUse} };
};
Parser.parseInvList = function (p) {
  var items = [];
  p = p.slice(1);
  for (var off = 0; off < p.length; off += 36) {
    items.push({ hash: ${hash} });
  }
  return items;
};
module.exports = Parser;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Nothing says `p` is a Buffer: an array's `slice` copies.
        { code: parser("agent.join(',')"), filename: 'file.js', options: on },
        // Copied pieces.
        { code: parser("agent.toString('ascii')", 'Uint8Array.prototype.slice.call(p, off + 4, off + 36)'), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: parser("agent.toString('ascii')"),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`p.slice(off + 4, off + 36)`', parent: '`p`, the input of `parseInvList()`', sink: '`parseInvList()` returns it in its result' },
              line: 16,
              column: 24,
              endLine: 16,
              endColumn: 50,
              suggestions: [{ messageId: 'copyExactly', output: parser("agent.toString('ascii')", 'Uint8Array.prototype.slice.call(p, off + 4, off + 36)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// cborg's byte strings: `toToken(data, pos, prefix, length)`, called by the `decodeBytes*` functions with their input,
// cuts `data.subarray(pos + prefix, …)` at the position it is handed: the input holds more than this one value.
describe('parser output: a cut at the position a helper of the parsers is handed', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const decoder = (cut: string, params = 'data, pos, prefix, length') => `function toToken(${params}) {
  const buf = ${cut};
  return { type: 'bytes', value: buf, encodedLength: prefix + length };
}
export function decodeBytes8(data, pos) {
  return toToken(data, pos, 2, data[pos + 1]);
}
export function decodeBytes16(data, pos) {
  return toToken(data, pos, 3, (data[pos + 1] << 8) | data[pos + 2]);
}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Copied (cborg's fix).
        { code: decoder('Uint8Array.prototype.slice.call(data, pos + prefix, pos + prefix + length)'), filename: 'file.js', options: on },
        // No position is handed: a cut from a constant start is not one value of many.
        { code: decoder('data.subarray(prefix, prefix + length)').replace(/toToken\(data, pos, /g, 'toToken(data, '), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: decoder('data.subarray(pos + prefix, pos + prefix + length)'),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`data.subarray(pos + prefix, pos + pre...`', parent: '`data`, the input of `decodeBytes8()`', sink: '`decodeBytes8()` returns it in its result' },
              line: 2,
              column: 15,
              endLine: 2,
              endColumn: 65,
              suggestions: [{ messageId: 'copyExactly', output: decoder('Uint8Array.prototype.slice.call(data, pos + prefix, pos + prefix + length)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// bcoin's block parsers: `return { prevBlock: p.slice(4, 36), merkleRoot: p.slice(36, 68), … }`. A binary input cut
// at two places or more is a message of several fields; the record keeps the whole message behind each.
describe('parser output: fields of a binary message returned in one record', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const header = (prev: string, root: string, type = 'Buffer') => `/** @param {${type}} p */
function parseHeader(p) {
  return {
    version: p.length,
    prevBlock: ${prev},
    merkleRoot: ${root},
  };
}
module.exports = parseHeader;
`;
  const copy = (a: number, b: number) => `Uint8Array.prototype.slice.call(p, ${a}, ${b})`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // One field: a function that takes one value out of its input.
        { code: header('p.slice(4, 36)', 'null'), filename: 'file.js', options: on },
        // One field and the rest of the input, which a decoder hands back for its next step (RLP's remainder).
        { code: header('p.slice(4, 36)', 'p.slice(36)'), filename: 'file.js', options: on },
        // Text cut in two (a line's key and value) is no binary message.
        { code: header('p.slice(4, 36)', 'p.slice(36, 68)', 'string'), filename: 'file.js', options: on },
        // Copies (bcoin's fix).
        { code: header(copy(4, 36), copy(36, 68)), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: header('p.slice(4, 36)', 'p.slice(36, 68)'),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`p.slice(4, 36)`', parent: '`p`, the input of `parseHeader()`', sink: '`parseHeader()` returns it in its result' },
              line: 5,
              column: 16,
              endLine: 5,
              endColumn: 30,
              suggestions: [{ messageId: 'copyExactly', output: header(copy(4, 36), 'p.slice(36, 68)') }],
            },
            {
              messageId: 'returnedView',
              data: { view: '`p.slice(36, 68)`', parent: '`p`, the input of `parseHeader()`', sink: '`parseHeader()` returns it in its result' },
              line: 6,
              column: 17,
              endLine: 6,
              endColumn: 32,
              suggestions: [{ messageId: 'copyExactly', output: header('p.slice(4, 36)', copy(36, 68)) }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// bcoin's block and input parsers: nothing in `parseBlock(p)` or `parseInput(p)` says `p` is a Buffer, but the cut
// `parseBlock` hands to `Parser.parseTX(…)` goes where Buffers go, and every caller of `parseInput` hands it a cut
// of a Buffer: their fields are views of a message too.
describe('parser output: a parameter known through the cuts it hands on and is handed', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const parser = (cuts: { prev?: string; root?: string; hash?: string; script?: string } = {}, agentUse = "agent.toString('ascii')") => `function Parser() {}
Parser.prototype.parsePayload = function (cmd, p) {
  if (cmd === 'version') return Parser.parseVersion(p);
  if (cmd === 'tx') return Parser.parseTX(p);
  return p;
};
Parser.parseVersion = function (p) {
  var agent;
  agent = p.slice(4, 4 + p[3]);
  return { agent: ${agentUse} };
};
Parser.parseTX = function (p) {
  var input = Parser.parseInput(p.slice(4));
  return { input: input, size: p.length };
};
Parser.parseBlock = function (p) {
  var tx = Parser.parseTX(p.slice(84, 84 + p[80]));
  return { prevBlock: ${cuts.prev ?? 'p.slice(4, 36)'}, merkleRoot: ${cuts.root ?? 'p.slice(36, 68)'}, tx: tx };
};
Parser.parseInput = function (p) {
  return { hash: ${cuts.hash ?? 'p.slice(0, 32)'}, script: ${cuts.script ?? 'p.slice(36, 36 + p[35])'} };
};
module.exports = Parser;
`;
  const copy = (a: string, b: string) => `Uint8Array.prototype.slice.call(p, ${a}, ${b})`;
  const error = (view: string, fn: string, line: number, column: number, fixed: Parameters<typeof parser>[0]) => ({
    messageId: 'returnedView' as const,
    data: { view: `\`${view}\``, parent: `\`p\`, the input of \`${fn}()\``, sink: `\`${fn}()\` returns it in its result` },
    line,
    column,
    endLine: line,
    endColumn: column + view.length,
    suggestions: [{ messageId: 'copyExactly' as const, output: parser(fixed) }],
  });
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Nothing says `p` is a Buffer anywhere: an array's `slice` copies.
        { code: parser({}, "agent.join(',')"), filename: 'file.js', options: on },
        // Copies (bcoin's fix).
        { code: parser({ prev: copy('4', '36'), root: copy('36', '68'), hash: copy('0', '32'), script: copy('36', '36 + p[35]') }), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: parser(),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            error('p.slice(4, 36)', 'parseBlock', 18, 23, { prev: copy('4', '36') }),
            error('p.slice(36, 68)', 'parseBlock', 18, 51, { root: copy('36', '68') }),
            error('p.slice(0, 32)', 'parseInput', 21, 18, { hash: copy('0', '32') }),
            error('p.slice(36, 36 + p[35])', 'parseInput', 21, 42, { script: copy('36', '36 + p[35]') }),
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// bcoin's parseTX: its loop hands the rest of its input to another parser per input (`Parser.parseInput(p.slice(off))`),
// then it returns `_raw: p.slice(0, off)`: one field of a message of several records is a view of all of it.
describe('parser output: one field of an input whose loop hands the rest to other parsers', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const tx = `/** @param {Buffer} p */
function parseTX(p) {
  var inputs = [];
  var off = 4;
  for (var i = 0; i < p[0]; i++) {
    var input = parseInput(p.slice(off));
    inputs.push(input);
    off += input.size;
  }
  return { inputs: inputs, raw: p.slice(0, off), size: off };
}
/** @param {Buffer} p */
function parseInput(p) {
  return { index: p.readUInt32LE(32), size: 41 + p[40] };
}
module.exports = parseTX;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // The rest goes to a reader, not to a parser: nothing says the input holds several records.
        { code: tx.replace('var input = parseInput(p.slice(off));', 'var input = readInput(p.slice(off));').replace('function parseInput(p)', 'function readInput(p)'), filename: 'file.js', options: on },
        // Copied (bcoin's fix).
        { code: tx.replace('raw: p.slice(0, off)', 'raw: Uint8Array.prototype.slice.call(p, 0, off)'), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: tx,
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`p.slice(0, off)`', parent: '`p`, the input of `parseTX()`', sink: '`parseTX()` returns it in its result' },
              line: 10,
              column: 33,
              endLine: 10,
              endColumn: 48,
              suggestions: [{ messageId: 'copyExactly', output: tx.replace('raw: p.slice(0, off)', 'raw: Uint8Array.prototype.slice.call(p, 0, off)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// xpra's rencode decoder: `rdecode_string(dec)` returned `dec.buf.subarray(dec.pos, dec.pos + n)`, a view of the
// whole message the decoder state holds beside its cursor (fixed by copying it).
describe('parser output: a cut of the input a decoder state holds beside its cursor', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const decoder = (cut: string) => `function decodeString(dec) {
  const length = dec.buf[dec.pos++];
  const bytes = ${cut};
  dec.pos += length;
  return bytes;
}
module.exports = decodeString;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Off by default.
        { code: decoder('dec.buf.subarray(dec.pos, dec.pos + length)'), filename: 'file.js' },
        // No cursor beside the input: one value taken apart, not one of many records.
        { code: decoder('dec.buf.subarray(1, length)'), filename: 'file.js', options: on },
        // Copied.
        { code: decoder('Uint8Array.prototype.slice.call(dec.buf, dec.pos, dec.pos + length)'), filename: 'file.js', options: on },
      ],
      invalid: [
        {
          code: decoder('dec.buf.subarray(dec.pos, dec.pos + length)'),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedView',
              data: { view: '`dec.buf.subarray(dec.pos, dec.pos + l...`', parent: '`dec`, the input of `decodeString()`', sink: '`decodeString()` returns it in its result' },
              line: 3,
              column: 17,
              endLine: 3,
              endColumn: 60,
              suggestions: [{ messageId: 'copyExactly', output: decoder('Uint8Array.prototype.slice.call(dec.buf, dec.pos, dec.pos + length)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// checkParserOutput (strict): a reader object's view of its bytes put in the record one of its methods
// returns. The Cassandra driver's FrameReader handed out a result's paging state and an error's query id as
// `Buffer#slice` views of the whole response frame (datastax/nodejs-driver, fixed by copying them).
describe("a reader object's views in the records it returns", () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const frameReader = (kept: string, { name = 'FrameReader', field = 'body' } = {}) => `function ${name}(header, body) {
  this.offset = 0;
  this.buf = ${field};
}
${name}.prototype.slice = function (begin, end) {
  return this.buf.slice(begin, end);
};
${name}.prototype.read = function (length) {
  var bytes = this.slice(this.offset, this.offset + length);
  this.offset += length;
  return bytes;
};
${name}.prototype.readInt = function () {
  var value = this.buf.readInt32BE(this.offset);
  this.offset += 4;
  return value;
};
${name}.prototype.readBytes = function () {
  var length = this.readInt();
  if (length < 0) return null;
  return this.read(length);
};
${name}.prototype.readMetadata = function () {
  var meta = {};
  var flags = this.readInt();
  if (flags & 2) {
    meta.pageState = ${kept};
  }
  return meta;
};
module.exports = ${name};
`;
  const pageState = (value: string) => ({
    value: `\`${value}\``,
    parent: '`this.buf`, the bytes a `FrameReader` is given to read',
    view: '`this.buf.slice(begin, end)`',
    method: '`slice()`',
    sink: '`readMetadata()` returns it in its result',
  });
  const tsReader = (kept: string) => `export class BinaryReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  private take(n: number): Uint8Array {
    const piece = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return piece;
  }
  readRecord(): { id: Uint8Array; size: number } {
    const size = this.bytes[this.offset++];
    return { id: ${kept}, size };
  }
}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Off by default.
        { code: frameReader('this.readBytes()'), filename: 'file.js' },
        // The maintainers' fix: a copy (a function of another module here) goes in the record.
        { code: frameReader('utils.copyBuffer(this.readBytes())'), filename: 'file.js', options: on },
        { code: frameReader('Buffer.from(this.readBytes())'), filename: 'file.js', options: on },
        // A class not named as a reader, parser or decoder.
        { code: frameReader('this.readBytes()', { name: 'Frame' }), filename: 'file.js', options: on },
        // Bytes the reader allocates itself, not bytes it is given.
        { code: frameReader('this.readBytes()', { field: 'Buffer.alloc(64)' }), filename: 'file.js', options: on },
        // What the record keeps is decoded, not a view.
        { code: frameReader("this.readBytes().toString('hex')"), filename: 'file.js', options: on },
        { code: tsReader('Uint8Array.prototype.slice.call(this.take(size))'), options: on },
      ],
      invalid: [
        // Reported where the record takes the view; `read` and `readBytes`, which only pass it on, are not.
        {
          code: frameReader('this.readBytes()'),
          filename: 'file.js',
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedReaderView',
              data: pageState('this.readBytes()'),
              line: 27,
              column: 22,
              endLine: 27,
              endColumn: 38,
              suggestions: [{ messageId: 'copyExactly', output: frameReader('Uint8Array.prototype.slice.call(this.readBytes())') }],
            },
          ],
        },
        {
          code: tsReader('this.take(size)'),
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedReaderView',
              data: {
                value: '`this.take(size)`',
                parent: '`this.bytes`, the bytes a `BinaryReader` is given to read',
                view: '`this.bytes.subarray(this.offset, this...`',
                method: '`take()`',
                sink: '`readRecord()` returns it in its result',
              },
              line: 11,
              column: 18,
              endLine: 11,
              endColumn: 33,
              suggestions: [{ messageId: 'copyExactly', output: tsReader('Uint8Array.prototype.slice.call(this.take(size))') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('pooled keys a module hands out', () => {
  const returned = (value: string, factory: string, fn: string) => ({
    value: `\`${value}\``,
    factory: `\`${factory}\``,
    sink: `\`${fn}()\` returns it in its result`,
  });
  const crypto = (body: string) => `const b4a = require('b4a');
const sodium = require('sodium-universal');
${body}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // A result not named as a key, an id or a signature (a hash to compare): callers usually drop it.
        {
          code: crypto(`exports.hash = function (message) {
  const digest = b4a.allocUnsafe(32);
  sodium.crypto_generichash(digest, message);
  return digest;
};`),
          filename: 'file.js',
        },
        // A key the module keeps to itself: its callers in this file are what decide.
        {
          code: crypto(`function discoveryKey(publicKey) {
  const digest = b4a.allocUnsafe(32);
  sodium.crypto_generichash(digest, publicKey);
  return digest;
}
exports.announce = function (publicKey) {
  sodium.crypto_generichash(b4a.alloc(32), discoveryKey(publicKey));
};`),
          filename: 'file.js',
        },
        // Out of the pool already.
        {
          code: crypto(`exports.discoveryKey = function (publicKey) {
  const digest = b4a.allocUnsafeSlow(32);
  sodium.crypto_generichash(digest, publicKey);
  return digest;
};`),
          filename: 'file.js',
        },
        // A private method of an exported class.
        `export class Store {
  _key(): Buffer {
    const key = Buffer.allocUnsafe(32);
    key.fill(1);
    return key;
  }
}
`,
      ],
      invalid: [
        // hypercore-crypto's sign(): signatures are kept in trees and manifests, and its maintainers moved this one out of the pool.
        {
          code: crypto(`exports.sign = function (message, secretKey) {
  const signature = b4a.allocUnsafe(sodium.crypto_sign_BYTES);
  sodium.crypto_sign_detached(signature, message, secretKey);
  return signature;
};`),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'returnedPooledKey',
              data: returned('b4a.allocUnsafe(sodium.crypto_sign_BY...', 'b4a.allocUnsafe()', 'sign'),
              line: 4,
              column: 21,
              endLine: 4,
              endColumn: 62,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: crypto(`exports.sign = function (message, secretKey) {
  const signature = b4a.allocUnsafeSlow(sodium.crypto_sign_BYTES);
  sodium.crypto_sign_detached(signature, message, secretKey);
  return signature;
};`),
                },
              ],
            },
          ],
        },
        // hypercore-crypto: a discovery key returned by an exported function.
        {
          code: crypto(`exports.discoveryKey = function (publicKey) {
  const digest = b4a.allocUnsafe(32);
  sodium.crypto_generichash(digest, publicKey);
  return digest;
};`),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'returnedPooledKey',
              data: returned('b4a.allocUnsafe(32)', 'b4a.allocUnsafe()', 'discoveryKey'),
              line: 4,
              column: 18,
              endLine: 4,
              endColumn: 37,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: crypto(`exports.discoveryKey = function (publicKey) {
  const digest = b4a.allocUnsafeSlow(32);
  sodium.crypto_generichash(digest, publicKey);
  return digest;
};`),
                },
              ],
            },
          ],
        },
        // dht-rpc: a default parameter returned by a function listed in module.exports.
        {
          code: crypto(`function id(host, port, out = b4a.allocUnsafe(32)) {
  sodium.crypto_generichash(out, b4a.from(host + ':' + port));
  return out;
}
module.exports = { id };`),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'returnedPooledKey',
              data: returned('b4a.allocUnsafe(32)', 'b4a.allocUnsafe()', 'id'),
              line: 3,
              column: 31,
              endLine: 3,
              endColumn: 50,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: crypto(`function id(host, port, out = b4a.allocUnsafeSlow(32)) {
  sodium.crypto_generichash(out, b4a.from(host + ':' + port));
  return out;
}
module.exports = { id };`),
                },
              ],
            },
          ],
        },
        // corestore: a key pair built by a public method of an exported class (TypeScript, Node's own factory).
        {
          code: `export class Keychain {
  createKeyPair() {
    const keyPair = { publicKey: Buffer.allocUnsafe(32), secretKey: Buffer.alloc(64) };
    return keyPair;
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'returnedPooledKey',
              data: returned('Buffer.allocUnsafe(32)', 'Buffer.allocUnsafe()', 'createKeyPair'),
              line: 3,
              column: 34,
              endLine: 3,
              endColumn: 56,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `export class Keychain {
  createKeyPair() {
    const keyPair = { publicKey: Buffer.allocUnsafeSlow(32), secretKey: Buffer.alloc(64) };
    return keyPair;
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

// hyperswarm-secret-stream's set-up and hypercore-crypto's namespace: the pooled Buffer is kept through a
// variable, a view of it, or a record built with that view, by a constructor, a set-up method or a key.
describe('pooled Buffers kept through a view or a set-up method', () => {
  const stream = (method: string, body: string) => `const b4a = require('b4a');
const { Push } = require('sodium-secretstream');
class SecretStream {
  ${method} (tx) {
${body}
  }
}
module.exports = SecretStream;
`;
  const headerBody = `    const buf = b4a.allocUnsafe(27);
    buf[0] = 24;
    this._encrypt = new Push(tx, undefined, buf.subarray(3));`;
  const viewKept = (sink: string, view = 'buf.subarray(3)') => ({
    value: '`b4a.allocUnsafe(27)`',
    factory: '`b4a.allocUnsafe()`',
    view: `\`${view}\``,
    sink,
  });
  const slow = (method: string, body: string) => stream(method, body.replace('b4a.allocUnsafe(27)', 'b4a.allocUnsafeSlow(27)'));
  // Kept through a view, in a record a set-up method (named so) stores on the instance.
  const keptByMethod = (method: string) => ({
    code: stream(method, headerBody),
    filename: 'file.js',
    output: null,
    errors: [
      {
        messageId: 'keptPooledView' as const,
        data: viewKept('`this._encrypt`'),
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 36,
        suggestions: [{ messageId: 'copyOutOfPool' as const, output: slow(method, headerBody) }],
      },
    ],
  });
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // A method that is not named as setting the instance up: its field holds one Buffer at a time.
        { code: stream('_onmessage', headerBody), filename: 'file.js' },
        { code: stream('restart', headerBody), filename: 'file.js' },
        // The view is a local working buffer: nothing keeps it.
        { code: stream('constructor', `    const buf = b4a.allocUnsafe(27);
    const header = buf.subarray(3);
    header.fill(0);
    this.size = header.length;`), filename: 'file.js' },
        // The variable holds another Buffer later: its views are not all of the pooled one.
        { code: stream('_setup', `    let buf = b4a.allocUnsafe(27);
    if (tx) buf = b4a.allocUnsafeSlow(27);
    this._encrypt = new Push(tx, undefined, buf.subarray(3));`), filename: 'file.js' },
        // Out of the pool already.
        { code: slow('_setupSecretStream', headerBody), filename: 'file.js' },
        // A record of one response comes and goes with it (mysql2's AuthSwitchResponse).
        {
          code: `class AuthSwitchResponse {
  constructor(data) {
    if (!Buffer.isBuffer(data)) data = Buffer.from(data);
    this.data = data;
  }
}
module.exports = AuthSwitchResponse;
`,
          filename: 'file.js',
        },
        // `Buffer.from` of an ArrayBuffer is a view of it, not a pool slice (undici's Request body).
        {
          code: `class Upload {
  constructor(body) {
    if (body instanceof ArrayBuffer) this.body = Buffer.from(body);
    else this.body = null;
  }
}
module.exports = Upload;
`,
          filename: 'file.js',
        },
        // A module's private helper that returns views: its callers in this file decide.
        {
          code: `const b4a = require('b4a');
function namespace(count) {
  const buf = b4a.allocUnsafe(32 * count);
  const list = [];
  for (let i = 0; i < count; i++) list.push(buf.subarray(32 * i, 32 * i + 32));
  return list;
}
exports.size = function (count) {
  return namespace(count).length;
};
`,
          filename: 'file.js',
        },
      ],
      invalid: [
        keptByMethod('_setupSecretStream'),
        // The same in the constructor, and the Buffer itself stored through a variable.
        {
          code: stream('constructor', `    const iv = b4a.allocUnsafe(16);
    this.iv = iv;`),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: { value: '`b4a.allocUnsafe(16)`', factory: '`b4a.allocUnsafe()`', sink: '`this.iv`' },
              line: 5,
              column: 16,
              endLine: 5,
              endColumn: 35,
              suggestions: [{ messageId: 'copyOutOfPool', output: stream('constructor', `    const iv = b4a.allocUnsafeSlow(16);
    this.iv = iv;`) }],
            },
          ],
        },
        keptByMethod('init'),
        // A server's listen and a resource's open run once and keep what they set until closed (hyperdht's
        // Server kept `this.target = hash(keyPair.publicKey)` from `_listen`).
        keptByMethod('_listen'),
        keptByMethod('async _open'),
        keptByMethod('start'),
        // hypercore-crypto's namespace: views of one pooled Buffer handed out as keys.
        {
          code: `const b4a = require('b4a');
exports.namespace = function (name, count) {
  const buf = b4a.allocUnsafe(32 * count);
  const list = new Array(count);
  for (let i = 0; i < count; i++) list[i] = buf.subarray(32 * i, 32 * i + 32);
  return list;
};
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'returnedPooledKeyView',
              data: {
                value: '`b4a.allocUnsafe(32 * count)`',
                factory: '`b4a.allocUnsafe()`',
                view: '`buf.subarray(32 * i, 32 * i + 32)`',
                sink: '`namespace()` returns it in its result',
              },
              line: 3,
              column: 15,
              endLine: 3,
              endColumn: 42,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `const b4a = require('b4a');
exports.namespace = function (name, count) {
  const buf = b4a.allocUnsafeSlow(32 * count);
  const list = new Array(count);
  for (let i = 0; i < count; i++) list[i] = buf.subarray(32 * i, 32 * i + 32);
  return list;
};
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

describe('library contracts: compact-encoding decoders and hypercore-crypto', () => {
  // Measured with scripts/measure-library-contracts.js (compact-encoding 3.5.2, hypercore-crypto 3.7.0):
  // `fixed32.decode(state)` is a 32-byte view of the 4,096-byte message; hypercore-crypto's `tree()` and
  // `hash()` are 32-byte views of an 8,192-byte pool slab.
  const decoded = (value: string, what: string, sink: string) => ({ value: `\`${value}\``, what, evidence: 'compact-encoding decoders return views', sink });
  const handshake = (capability: string) => `const c = require('compact-encoding');
exports.handshake = {
  preencode (state, m) {
    c.uint.preencode(state, 1);
    c.fixed32.preencode(state, m.capability);
  },
  encode (state, m) {
    c.uint.encode(state, m.seeks ? 1 : 0);
    c.fixed32.encode(state, m.capability);
  },
  decode (state) {
    const flags = c.uint.decode(state);
    return {
      seeks: (flags & 1) !== 0,
      capability: ${capability}
    };
  }
};
`;
  const session = (id: string) => `const c = require('compact-encoding');
class Mux {
  constructor () {
    this._infos = new Map();
  }
  _onopensession (state) {
    const protocol = c.string.decode(state);
    const id = ${id};
    this._infos.set(protocol, { protocol, id, opened: 0 });
  }
}
module.exports = Mux;
`;
  const batch = (tree: string) => `const crypto = require('hypercore-crypto');
class Tree {
  constructor (opts) {
    this.crypto = ${tree};
    this.roots = [];
  }
}
class Batch {
  constructor (tree) {
    this.tree = tree;
    this.roots = tree.roots;
    this.hashCached = null;
  }
  hash () {
    if (this.hashCached === null) this.hashCached = this.tree.crypto.tree(this.roots);
    return this.hashCached;
  }
}
module.exports = { Tree, Batch };
`;
  const memo = `const crypto = require('hypercore-crypto');
class Batch {
  constructor (roots) {
    this.roots = roots;
    this.hashCached = null;
  }
  hash () {
    this.hashCached ??= crypto.tree(this.roots);
    return this.hashCached;
  }
  last () {
    if (!this.lastHash) this.lastHash = crypto.hash(this.roots);
  }
}
module.exports = Batch;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // `c` is another module (a local codec), not compact-encoding: the name is no proof.
        {
          code: `const c = require('./codec');
class Mux {
  constructor () {
    this._infos = new Map();
  }
  _onopensession (state) {
    const id = c.buffer.decode(state);
    this._infos.set('x', { id });
  }
}
module.exports = Mux;
`,
          filename: 'file.js',
        },
        // `c` is an object of this file that happens to have a `fixed32.decode`.
        {
          code: `const c = {
  fixed32: { decode: (state) => state.buffer.subarray(state.start, (state.start += 32)) }
};
class Mux {
  constructor () {
    this._infos = new Map();
  }
  _onopensession (state) {
    const id = c.fixed32.decode(state);
    this._infos.set('x', { id });
  }
}
module.exports = Mux;
`,
          filename: 'file.js',
        },
        // A decoded hash in a message the caller reads and drops: not a key, an id or a signature.
        {
          options: [{ checkParserOutput: true }],
          code: `const c = require('compact-encoding');
exports.node = {
  preencode (state, n) {
    state.end += 33;
  },
  encode (state, n) {
    c.uint.encode(state, n.index);
    c.fixed32.encode(state, n.hash);
  },
  decode (state) {
    return {
      index: c.uint.decode(state),
      hash: c.fixed32.decode(state)
    };
  }
};
`,
          filename: 'file.js',
        },
        // Copied before it is kept: unslab's copy, and an exact copy.
        { code: session('unslab(c.buffer.decode(state))').replace("const c = require('compact-encoding');", "const c = require('compact-encoding');\nconst unslab = require('unslab');"), filename: 'file.js' },
        { code: handshake('Uint8Array.prototype.slice.call(c.fixed32.decode(state))'), filename: 'file.js', options: [{ checkParserOutput: true }] },
        // b4a.from's copy (itself pooled, but handed back by a decoder it is not a key a module exports).
        {
          code: handshake('b4a.from(c.fixed32.decode(state))').replace("const c = require('compact-encoding');", "const c = require('compact-encoding');\nconst b4a = require('b4a');"),
          filename: 'file.js',
          options: [{ checkParserOutput: true }],
        },
        // What an encoding's own decoder returns is its callers' to judge, in every preset (hypercore's replication
        // handshake keeps the capability, but on Holepunch's HEADs most decoded keys were read and dropped, or
        // copied where they were kept: 15 of 32 such reports were false).
        { code: handshake('c.fixed32.decode(state)'), filename: 'file.js' },
        { code: handshake('c.fixed32.decode(state)'), filename: 'file.js', options: [{ checkParserOutput: true }] },
        // A field filled only while empty with a bare allocation is a working buffer, filled and reset (secret-stream's partial message).
        {
          code: `const b4a = require('b4a');
class Reader {
  constructor () {
    this._message = null;
  }
  _onchunk (data, len) {
    if (this._message === null) this._message = b4a.allocUnsafe(len);
    b4a.copy(data, this._message);
  }
  _incoming () {
    this._message = null;
  }
}
module.exports = Reader;
`,
          filename: 'file.js',
        },
        // A decoded view compared and dropped.
        {
          code: `const c = require('compact-encoding');
const b4a = require('b4a');
class Session {
  constructor (localKey) {
    this.localKey = localKey;
  }
  _onhandshake (state) {
    const remote = c.fixed32.decode(state);
    if (!b4a.equals(remote, this.localKey)) throw new Error('bad key');
  }
}
module.exports = Session;
`,
          filename: 'file.js',
        },
        // A field a message handler sets holds one view at a time (as a pooled Buffer there is not reported).
        `import c from 'compact-encoding';
export class Session {
  remoteKey: Uint8Array | null = null;
  onmessage(state: { start: number; end: number; buffer: Uint8Array }) {
    this.remoteKey = c.fixed32.decode(state);
  }
}
`,
        // Set on every call, not only while empty: the field holds one hash at a time.
        { code: memo.replace('this.hashCached ??= crypto.tree(this.roots)', 'this.hashCached = crypto.tree(this.roots)').replace('if (!this.lastHash) ', ''), filename: 'file.js' },
        // `this.crypto` is not always hypercore-crypto (an option may replace it): not proven.
        { code: batch('opts.crypto || crypto'), filename: 'file.js' },
        // hypercore-crypto's `discoveryKey` is out of the pool (measured: 32 bytes over its own 32-byte store).
        `import crypto from 'hypercore-crypto';
const topics = new Map<string, Uint8Array>();
export function join(name: string, key: Uint8Array) {
  topics.set(name, crypto.discoveryKey(key));
}
`,
      ],
      invalid: [
        {
          // protomux's open-session id (PR #21): kept in a record under a key of a long-lived table.
          code: session('c.buffer.decode(state)'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptLibraryView',
              data: decoded('c.buffer.decode(state)', 'a view of the message `state` reads', '`this._infos`'),
              line: 8,
              column: 16,
              endLine: 8,
              endColumn: 38,
              suggestions: [{ messageId: 'copyExactly', output: session('Uint8Array.prototype.slice.call(c.buffer.decode(state))') }],
            },
          ],
        },
        {
          // A named import of the encoding; a field set in the constructor, kept for the instance's life.
          code: `import { fixed32 } from 'compact-encoding';
export class Peer {
  remoteKey: Uint8Array;
  constructor(state: { start: number; end: number; buffer: Uint8Array }) {
    this.remoteKey = /* the peer's key */ (fixed32.decode(state));
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'keptLibraryView',
              data: decoded('fixed32.decode(state)', 'a 32-byte view of the message `state` reads', '`this.remoteKey`'),
              line: 5,
              column: 44,
              endLine: 5,
              endColumn: 65,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: `import { fixed32 } from 'compact-encoding';
export class Peer {
  remoteKey: Uint8Array;
  constructor(state: { start: number; end: number; buffer: Uint8Array }) {
    this.remoteKey = /* the peer's key */ (Uint8Array.prototype.slice.call(fixed32.decode(state)));
  }
}
`,
                },
              ],
            },
          ],
        },
        {
          // `c.decode(record, buf)`: a record whose byte fields are views of `buf`; no copy of a record is offered.
          code: `const c = require('compact-encoding');
const m = require('./messages');
class Persistent {
  constructor () {
    this.records = new Map();
  }
  onrecord (k, buf) {
    this.records.set(k, c.decode(m.record, buf));
  }
}
module.exports = Persistent;
`,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptLibraryView',
              data: {
                value: '`c.decode(m.record, buf)`',
                what: 'decoded from `buf`, and the bytes it holds are views of `buf`',
                evidence: 'compact-encoding decoders return views of the buffer they read',
                sink: '`this.records`',
              },
              line: 8,
              column: 25,
              endLine: 8,
              endColumn: 48,
              suggestions: [],
            },
          ],
        },
        {
          // hypercore's MerkleTreeBatch#hash (PR #544 copied it): a memo set once, through `this.crypto = crypto`.
          code: batch('crypto'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: {
                value: '`this.tree.crypto.tree(this.roots)`',
                factory: "`b4a.allocUnsafe(32)`, called in hypercore-crypto's `tree()`,",
                sink: '`this.hashCached`',
              },
              line: 15,
              column: 53,
              endLine: 15,
              endColumn: 86,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: batch('crypto').replace('this.hashCached = this.tree.crypto.tree(this.roots)', 'this.hashCached = Uint8Array.prototype.slice.call(this.tree.crypto.tree(this.roots))'),
                },
              ],
            },
          ],
        },
        {
          // A destructured named import of hypercore-crypto's `hash`, kept under a key.
          code: `import { hash } from 'hypercore-crypto';
const seen = new Map<string, Uint8Array>();
export function remember(name: string, data: Uint8Array) {
  seen.set(name, hash(data));
}
`,
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: { value: '`hash(data)`', factory: "`b4a.allocUnsafe(32)`, called in hypercore-crypto's `hash()`,", sink: '`seen`' },
              line: 4,
              column: 18,
              endLine: 4,
              endColumn: 28,
              suggestions: [
                {
                  messageId: 'copyOutOfPool',
                  output: `import { hash } from 'hypercore-crypto';
const seen = new Map<string, Uint8Array>();
export function remember(name: string, data: Uint8Array) {
  seen.set(name, Uint8Array.prototype.slice.call(hash(data)));
}
`,
                },
              ],
            },
          ],
        },
        {
          // A memo set with `??=`, and one under `if (!this.f)`.
          code: memo,
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptPooled',
              data: { value: '`crypto.tree(this.roots)`', factory: "`b4a.allocUnsafe(32)`, called in hypercore-crypto's `tree()`,", sink: '`this.hashCached`' },
              line: 8,
              column: 25,
              endLine: 8,
              endColumn: 48,
              suggestions: [{ messageId: 'copyOutOfPool', output: memo.replace('??= crypto.tree(this.roots)', '??= Uint8Array.prototype.slice.call(crypto.tree(this.roots))') }],
            },
            {
              messageId: 'keptPooled',
              data: { value: '`crypto.hash(this.roots)`', factory: "`b4a.allocUnsafe(32)`, called in hypercore-crypto's `hash()`,", sink: '`this.lastHash`' },
              line: 12,
              column: 41,
              endLine: 12,
              endColumn: 64,
              suggestions: [{ messageId: 'copyOutOfPool', output: memo.replace('this.lastHash = crypto.hash(this.roots)', 'this.lastHash = Uint8Array.prototype.slice.call(crypto.hash(this.roots))') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// The `head` Node hands an HTTP 'upgrade' handler is a view of the socket chunk that carried the handshake
// (scripts/measure-upgrade-head.js): WebSocket-Node's client kept it whole as `self.firstDataChunk`.
describe("a view Node hands an event's handler, kept whole", () => {
  const client = (kept: string) => `var http = require('http');
function Client() {
  this.firstDataChunk = null;
}
Client.prototype.connect = function (url) {
  var self = this;
  var req = http.request(url);
  req.on('upgrade', function handleRequestUpgrade(response, socket, head) {
    self.socket = socket;
    self.firstDataChunk = ${kept};
    self.validateHandshake();
  });
  req.end();
};
module.exports = Client;
`;
  const server = (body: string) => `import * as http from 'node:http';
export class Gateway {
  private heads = new Map<string, Buffer>();
  private first: Buffer | null = null;
  constructor(server: http.Server) {
    server.on('upgrade', (req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
${body}
    });
  }
}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Put back into the stream, or handed to a library that reads it at once.
        server(`      socket.unshift(head);`),
        `const { WebSocketServer } = require('ws');
const http = require('http');
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer();
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
`,
        // Copied before it is kept.
        client('Uint8Array.prototype.slice.call(head)'),
        // A view cut from it is the view check's question (a short view of a local, here dropped).
        server(`      const magic = head.subarray(0, 4);
      if (magic.length === 4) socket.end();`),
        // A parameter the handler assigns anew holds something else.
        server(`      head = Buffer.alloc(0);
      this.first = head;`),
        // Another event's third parameter.
        server(`      socket.end();`).replace("server.on('upgrade'", "server.on('checkContinue'").replace('socket.end();', 'this.first = head;'),
      ],
      invalid: [
        {
          code: client('head'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'keptEventView',
              data: { value: '`head`', event: "'upgrade'", sink: '`self.firstDataChunk`' },
              line: 10,
              column: 27,
              endLine: 10,
              endColumn: 31,
              suggestions: [{ messageId: 'copyExactly', output: client('Uint8Array.prototype.slice.call(head)') }],
            },
          ],
        },
        {
          code: server(`      this.heads.set(req.url ?? '', head);`),
          output: null,
          errors: [
            {
              messageId: 'keptEventView',
              data: { value: '`head`', event: "'upgrade'", sink: '`this.heads`' },
              line: 7,
              column: 37,
              endLine: 7,
              endColumn: 41,
              suggestions: [{ messageId: 'copyExactly', output: server(`      this.heads.set(req.url ?? '', Uint8Array.prototype.slice.call(head) as Buffer);`) }],
            },
          ],
        },
        {
          // A record kept on the instance, the property written out by the suggestion.
          code: server(`      this.first = null;
      this.pending = { req, head };`).replace('  private first: Buffer | null = null;', '  private first: Buffer | null = null;\n  private pending: object | null = null;'),
          output: null,
          errors: [
            {
              messageId: 'keptEventView',
              data: { value: '`head`', event: "'upgrade'", sink: '`this.pending`' },
              line: 9,
              column: 29,
              endLine: 9,
              endColumn: 33,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: server(`      this.first = null;
      this.pending = { req, head: Uint8Array.prototype.slice.call(head) as Buffer };`).replace('  private first: Buffer | null = null;', '  private first: Buffer | null = null;\n  private pending: object | null = null;'),
                },
              ],
            },
          ],
        },
        {
          // With copyStyle 'runtime', leakproof/runtime's `copy`, the shorthand property written out.
          code: server(`      this.pending = { req, head };`).replace('  private first: Buffer | null = null;', '  private pending: object | null = null;'),
          options: [{ copyStyle: 'runtime' }],
          output: null,
          errors: [
            {
              messageId: 'keptEventView',
              data: { value: '`head`', event: "'upgrade'", sink: '`this.pending`' },
              line: 7,
              column: 29,
              endLine: 7,
              endColumn: 33,
              suggestions: [
                {
                  messageId: 'copyExactly',
                  output: server(`      this.pending = { req, head: copy(head) };`)
                    .replace('  private first: Buffer | null = null;', '  private pending: object | null = null;')
                    .replace("import * as http from 'node:http';\n", "import * as http from 'node:http';\nimport { copy } from 'leakproof/runtime';\n"),
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

// Colyseus' shared encode buffer and avsc's stream encoders: a buffer the code keeps (a module variable, a
// field) and writes into on every call, cut after the write and handed out; the next call overwrites the
// bytes whoever holds the view still reads.
describe('views of a kept buffer the code writes into again', () => {
  const encoder = (body: string) => `const scratch = Buffer.alloc(2048);
export function encodeJoin(type: number, length: number) {
${body}
}
`;
  const transform = (body: string) => `function FrameEncoder() {
  this._tap = { buf: Buffer.alloc(1024), pos: 0 };
}
FrameEncoder.prototype._transform = function (obj, encoding, cb) {
  var tap = this._tap;
  this._type._write(tap, obj);
${body}
};
`;
  const reused = (view: string, buffer: string, written: string, sink: string, line: number, column: number, output: string) => ({
    messageId: 'reusedBufferView' as const,
    data: { view: `\`${view}\``, buffer: `\`${buffer}\``, written: `\`${written}\``, sink },
    line,
    column,
    endLine: line,
    endColumn: column + view.length,
    suggestions: [{ messageId: 'copyExactly' as const, output }],
  });
  const join = encoder('  scratch[0] = type;\n  return scratch.subarray(0, length);');
  const framed = transform('  tap.buf.writeUInt32BE(tap.pos, 0);\n  cb(null, tap.buf.slice(0, tap.pos));');
  // Written only by a writer helper that is handed the buffer after another argument (mongodb-core's commands).
  const helper = (write: string) => `function write32bit(index: number, buffer: Buffer, value: number) {
  buffer.writeInt32LE(value, index);
  return index + 4;
}
function log(index: number, buffer: Buffer) {
  console.log(index, buffer.length);
}
${encoder(`  let index = ${write};\n  return scratch.subarray(0, index);`)}`;
  const killCursors = helper('write32bit(0, scratch, type)');
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Nothing written into it before the cut (a flush of what an earlier call wrote).
        encoder('  return scratch.subarray(0, length);'),
        // A buffer made in the call is not reused.
        'export function encodeJoin(type: number, length: number) {\n  const out = Buffer.alloc(length);\n  out[0] = type;\n  return out.subarray(0, length);\n}\n',
        // Used in the call, not handed out.
        encoder('  scratch[0] = type;\n  console.log(scratch.subarray(0, length).toString("hex"));'),
        // Already a copy.
        encoder('  scratch[0] = type;\n  return Uint8Array.prototype.slice.call(scratch, 0, length);'),
        // `slice` of something not known to be a Buffer (an array's `slice` copies).
        transform('  cb(null, tap.buf.slice(0, tap.pos));'),
        // Handed after another argument to a function that is not named as a writer.
        helper('(log(0, scratch), 4)'),
      ],
      invalid: [
        {
          code: join,
          output: null,
          errors: [reused('scratch.subarray(0, length)', 'scratch', 'scratch[0] = type', '`encodeJoin()` returns it', 4, 10, join.replace('scratch.subarray(0, length)', 'Uint8Array.prototype.slice.call(scratch, 0, length) as Buffer'))],
        },
        {
          code: killCursors,
          output: null,
          errors: [reused('scratch.subarray(0, index)', 'scratch', 'write32bit(0, scratch, type)', '`encodeJoin()` returns it', 11, 10, killCursors.replace('scratch.subarray(0, index)', 'Uint8Array.prototype.slice.call(scratch, 0, index) as Buffer'))],
        },
        {
          code: framed,
          output: null,
          errors: [
            reused('tap.buf.slice(0, tap.pos)', 'tap.buf', 'this._type._write(tap, obj)', 'the callback `cb()` receives it', 8, 12, framed.replace('tap.buf.slice(0, tap.pos)', 'Uint8Array.prototype.slice.call(tap.buf, 0, tap.pos) as Buffer')),
          ],
        },
        {
          code: `import { Transform } from 'node:stream';
export class Packer extends Transform {
  private buf = new Uint8Array(4096);
  _transform(chunk: Uint8Array, _encoding: string, done: () => void) {
    this.buf.set(chunk, 4);
    this.push(this.buf.subarray(0, chunk.length + 4));
    done();
  }
}
`,
          output: null,
          errors: [
            reused(
              'this.buf.subarray(0, chunk.length + 4)',
              'this.buf',
              'this.buf.set(chunk, 4)',
              "`this.push()` queues it for the stream's reader",
              6,
              15,
              `import { Transform } from 'node:stream';
export class Packer extends Transform {
  private buf = new Uint8Array(4096);
  _transform(chunk: Uint8Array, _encoding: string, done: () => void) {
    this.buf.set(chunk, 4);
    this.push(Uint8Array.prototype.slice.call(this.buf, 0, chunk.length + 4));
    done();
  }
}
`,
            ),
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// node-amqp's frame writers: `var b = this._sendBuffer; … var c = b.slice(0, b.used); this.write(c)`. A socket's
// `write()` holds the chunk it is given until it is sent (scripts/measure-write-queue.js), and the next frame is
// encoded into the same buffer at once.
describe('a view of a kept buffer the code writes into again, handed to a stream\'s write', () => {
  const connection = (body: string) => `var net = require('net');
var maxFrameBuffer = 131072;
function Connection(socket) {
  this.socket = socket;
  this._sendBuffer = new Buffer(maxFrameBuffer);
}
Connection.prototype.write = function (data) {
  return this.socket.write(data);
};
Connection.prototype._sendMethod = function (channel, classIndex) {
  var b = this._sendBuffer;
  b.used = 0;
  b[b.used++] = 1;
  b.writeUInt16BE(channel, b.used);
  b.used += 2;
  b.writeUInt16BE(classIndex, b.used);
  b.used += 2;
${body}
};
module.exports = Connection;
`;
  const reused = (view: string, sink: string, line: number, column: number, output: string) => ({
    messageId: 'reusedBufferView' as const,
    data: { view: `\`${view}\``, buffer: '`b`', written: '`b[b.used++] = 1`', sink },
    line,
    column,
    endLine: line,
    endColumn: column + view.length,
    suggestions: [{ messageId: 'copyExactly' as const, output }],
  });
  const viaVariable = connection('  var c = b.slice(0, b.used);\n  this.write(c);');
  const direct = connection('  this.socket.write(b.slice(0, b.used));');
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Copied before the write.
        connection('  var c = Buffer.from(b.slice(0, b.used));\n  this.write(c);'),
        // A synchronous write returns when the bytes are written.
        connection("  require('fs').writeSync(1, b.slice(0, b.used));"),
        // A WebSocket's send() copies the bytes; a writer of the code's own may copy too.
        connection('  this.ws.send(b.slice(0, b.used));'),
        connection('  this.writer.write(b.slice(0, b.used));'),
        // A buffer made in the call is not reused.
        connection('  var fresh = Buffer.alloc(8);\n  fresh[0] = 1;\n  this.write(fresh.slice(0, 1));'),
        // A parser's input, patched in place: not a buffer the code made (pdf.js' CFF parser).
        `function Parser(bytes) {
  this.bytes = bytes;
}
Parser.prototype.parseEncoding = function (start, end) {
  var bytes = this.bytes;
  bytes[start] &= 0x7f;
  this.stream.write(bytes.subarray(start, end));
};
module.exports = Parser;
`,
        // Nothing written into the field before the cut (a flush of what an earlier call wrote).
        `function Flusher(socket) {
  this.socket = socket;
  this._pending = Buffer.alloc(1024);
  this._used = 0;
}
Flusher.prototype.flush = function () {
  var b = this._pending;
  this.socket.write(b.slice(0, this._used));
};
module.exports = Flusher;
`,
      ],
      invalid: [
        {
          code: viaVariable,
          output: null,
          errors: [reused('b.slice(0, b.used)', '`this.write()` holds it, not a copy, until it is sent', 18, 11, viaVariable.replace('b.slice(0, b.used)', 'Uint8Array.prototype.slice.call(b, 0, b.used) as Buffer'))],
        },
        {
          code: direct,
          output: null,
          errors: [reused('b.slice(0, b.used)', '`this.socket.write()` holds it, not a copy, until it is sent', 18, 21, direct.replace('b.slice(0, b.used)', 'Uint8Array.prototype.slice.call(b, 0, b.used) as Buffer'))],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Haraka's MIME body parser: `this.emit('attachment_data', this.buf.slice(0, this.buf_fill))`, then the next
// decoded line copied into the same `this.buf` in the same call: a listener that keeps the view reads the new bytes.
describe('a view of a kept buffer handed to an event\'s listeners, the buffer written after', () => {
  const body = (branch: string) => `var util = require('util');
var events = require('events');
function Body() {
  events.EventEmitter.call(this);
  this.buf = Buffer.alloc(65536);
  this.buf_fill = 0;
}
util.inherits(Body, events.EventEmitter);
Body.prototype.parse_attachment = function (line) {
  var buf = Buffer.from(line, 'base64');
  if (buf.length + this.buf_fill > 65536) {
    this.emit('attachment_data', this.buf.slice(0, this.buf_fill));
${branch}
  }
};
module.exports = Body;
`;
  const refilled = body('    buf.copy(this.buf);\n    this.buf_fill = buf.length;');
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Nothing written into it in the call.
        body('    this.buf_fill = 0;'),
        // Written only on another branch.
        body('  } else {\n    buf.copy(this.buf, this.buf_fill);\n    this.buf_fill += buf.length;'),
      ],
      invalid: [
        {
          code: refilled,
          output: null,
          errors: [
            {
              messageId: 'reusedBufferView',
              data: { view: '`this.buf.slice(0, this.buf_fill)`', buffer: '`this.buf`', written: '`buf.copy(this.buf)`', sink: "the listeners of `'attachment_data'` receive it" },
              line: 12,
              column: 34,
              endLine: 12,
              endColumn: 66,
              suggestions: [{ messageId: 'copyExactly', output: refilled.replace('this.buf.slice(0, this.buf_fill)', 'Uint8Array.prototype.slice.call(this.buf, 0, this.buf_fill) as Buffer') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// engine.io's uWebSockets.js polling transport: uWS lends the ArrayBuffer of `res.onData((chunk, isLast) => …)`
// only while the callback runs; `Buffer.from(chunk)` is a view of it, not a copy.
describe('the ArrayBuffer uWebSockets.js lends to onData, kept', () => {
  const handler = (body: string, head = '') => `${head}export function handle(res) {
  const chunks = [];
  res.onAborted(() => {});
  res.onData((chunk, isLast) => {
${body}
    if (isLast) console.log(Buffer.concat(chunks).length);
  });
}
`;
  const lent = (code: string, value: string, line: number, column: number) => ({
    messageId: 'keptLentBuffer' as const,
    data: { value: `\`${value}\``, lender: '`res.onData()`', sink: '`chunks`' },
    line,
    column,
    endLine: line,
    endColumn: column + value.length,
    suggestions: [{ messageId: 'copyLent' as const, output: code.replace(`chunks.push(${value})`, `chunks.push(${value.replace('chunk', 'chunk.slice(0)')})`) }],
  });
  const fromChunk = handler('    chunks.push(Buffer.from(chunk));');
  const typed = handler('    chunks.push(new Uint8Array(chunk));', "import uWS from 'uWebSockets.js';\n").replace('  res.onAborted(() => {});\n', '');
  const bare = handler('    chunks.push(chunk);');
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Copied before it is kept.
        handler('    chunks.push(Buffer.from(new Uint8Array(chunk)));'),
        handler('    chunks.push(Buffer.from(chunk.slice(0)));'),
        // Used during the callback only.
        handler('    Buffer.from(chunk).copy(target, 0);').replace('const chunks = [];', 'const chunks = [];\n  const target = Buffer.alloc(64);'),
        // Nothing says `res` is a uWebSockets.js response.
        handler('    chunks.push(Buffer.from(chunk));').replace('  res.onAborted(() => {});\n', ''),
      ],
      invalid: [
        { code: fromChunk, output: null, errors: [lent(fromChunk, 'Buffer.from(chunk)', 5, 17)] },
        { code: typed, output: null, errors: [lent(typed, 'new Uint8Array(chunk)', 5, 17)] },
        { code: bare, output: null, errors: [lent(bare, 'chunk', 5, 17)] },
        // With an offset, a whole copy would do, but it is no exact one: no suggestion.
        {
          code: handler('    chunks.push(Buffer.from(chunk, 0, 4));'),
          output: null,
          errors: [{ messageId: 'keptLentBuffer', data: { value: '`Buffer.from(chunk, 0, 4)`', lender: '`res.onData()`', sink: '`chunks`' }, line: 5, column: 17, endLine: 5, endColumn: 41, suggestions: [] }],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('a view of WebAssembly memory handed out after its pointer is freed', () => {
  const returned = `export function transform(Module, input, size) {
  const out = Module._malloc(size);
  Module._transform(input, out, size);
  const result = new Float32Array(Module.HEAPF32.buffer, out, size);
  Module._free(out);
  return result;
}
`;
  const inRecord = `export function read(Module, n) {
  const ptr = Module._malloc(n);
  Module._fill(ptr, n);
  const data = Module.HEAPU8.subarray(ptr, ptr + n);
  Module._free(ptr);
  return { data, size: n };
}
`;
  const kept = `export class Reader {
  read(n) {
    const ptr = _malloc(n);
    this.last = new Uint8Array(HEAPU8.buffer, ptr, n);
    _free(ptr);
  }
}
`;
  // pdfium's render(): the view is handed on after the free, across an await.
  const readAfter = `export class Page {
  async render(width, height) {
    const ptr = this.module.wasmExports.malloc(width * height * 4);
    this.module._FPDF_RenderPageBitmap(ptr, width, height);
    const data = this.module.HEAPU8.subarray(ptr, ptr + width * height * 4);
    this.module.wasmExports.free(ptr);
    const image = await this.convertBitmapToImage({ width, height, data });
    return { width, height, data: image };
  }
}
`;
  const freed = (view: string, pointer: string, free: string, sink: string, line: number, column: number, endColumn: number, code: string, viewCode: string) => ({
    messageId: 'freedHeapView' as const,
    data: { view: `\`${view}\``, pointer, free: `\`${free}\``, sink },
    line,
    column,
    endLine: line,
    endColumn,
    suggestions: [{ messageId: 'copyHeapView' as const, output: code.replace(viewCode, `${viewCode}.slice()`) }],
  });
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Copied out where it is made.
        returned.replace('Module.HEAPF32.buffer, out, size);', 'Module.HEAPF32.buffer, out, size).slice();'),
        // Freed on an early exit only.
        `export function read(n) {
  const ptr = _malloc(n);
  const view = new Uint8Array(HEAPU8.buffer, ptr, n);
  if (!_fill(ptr, n)) {
    _free(ptr);
    return null;
  }
  return view;
}
`,
        // A copy is what is returned.
        `export function read(n) {
  const ptr = _malloc(n);
  const view = new Uint8Array(HEAPU8.buffer, ptr, n);
  const copy = view.slice();
  _free(ptr);
  return copy;
}
`,
        // Not freed: an accessor, whose callers copy.
        `export function getArray(ptr, length) {
  return new Uint32Array(HEAPU8.buffer, ptr, length);
}
`,
        // Another pointer is freed.
        returned.replace('Module._free(out);', 'Module._free(input);'),
        // Not module memory.
        returned.replace('Module.HEAPF32.buffer', 'chunk.buffer'),
        // Read before the free.
        readAfter.replace(
          '    this.module.wasmExports.free(ptr);\n    const image = await this.convertBitmapToImage({ width, height, data });',
          '    const image = await this.convertBitmapToImage({ width, height, data });\n    this.module.wasmExports.free(ptr);',
        ),
      ],
      invalid: [
        {
          code: returned,
          output: null,
          errors: [
            freed('new Float32Array(Module.HEAPF32.buffe...', 'out', 'Module._free(out)', '`transform()` returns it in its result', 4, 18, 68, returned, 'new Float32Array(Module.HEAPF32.buffer, out, size)'),
          ],
        },
        {
          code: inRecord,
          output: null,
          errors: [freed('Module.HEAPU8.subarray(ptr, ptr + n)', 'ptr', 'Module._free(ptr)', '`read()` returns it in its result', 4, 16, 52, inRecord, 'Module.HEAPU8.subarray(ptr, ptr + n)')],
        },
        {
          code: kept,
          output: null,
          errors: [freed('new Uint8Array(HEAPU8.buffer, ptr, n)', 'ptr', '_free(ptr)', 'it is kept in `this.last`', 4, 17, 54, kept, 'new Uint8Array(HEAPU8.buffer, ptr, n)')],
        },
        {
          code: readAfter,
          output: null,
          errors: [
            freed(
              'this.module.HEAPU8.subarray(ptr, ptr ...',
              'ptr',
              'this.module.wasmExports.free(ptr)',
              '`this.convertBitmapToImage()` is handed it',
              5,
              18,
              76,
              readAfter,
              'this.module.HEAPU8.subarray(ptr, ptr + width * height * 4)',
            ),
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// keyman's compiler put `new Uint8Array(Module.HEAP8.buffer, ptr, size)` in the result it returned, after running the
// compiler module a second time (fixed by copying the bytes out first).
describe('a view of WebAssembly memory handed out after the module runs again', () => {
  const code = (view: string, second = 'out = Module.compile(infile, 1);') => `export function compile(Module, infile) {
  let out = Module.compile(infile, 0);
  const result = { kmx: null, js: null };
  result.kmx = { data: ${view} };
  ${second}
  result.js = Module.UTF8ToString(out.ptr);
  return result;
}
`;
  const view = 'new Uint8Array(Module.HEAP8.buffer, out.ptr, out.size)';
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        code(`${view}.slice()`),
        // Only the heap's own helpers run after it (they neither run the module's code nor allocate).
        code(view, 'out = { ptr: out.ptr + 1 };'),
      ],
      invalid: [
        {
          code: code(view),
          output: null,
          errors: [
            {
              messageId: 'rerunHeapView',
              data: { view: '`new Uint8Array(Module.HEAP8.buffer, o...`', free: '`Module.compile(infile, 1)`', sink: '`compile()` returns it in its result' },
              line: 4,
              column: 24,
              endLine: 4,
              endColumn: 78,
              suggestions: [{ messageId: 'copyHeapView', output: code(`${view}.slice()`) }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Prisma's bytes columns and actor-ts' `fromBase64`: `Buffer.from(s, 'base64')` re-wrapped as a plain Uint8Array over
// the same bytes and returned; the caller keeps what looks like bytes of its own, and a pool slab with them.
describe('a pooled Buffer re-wrapped as a plain typed array and handed back', () => {
  const held = (tail = '') => `export function fromBase64(s: string): Uint8Array {
  const buffer = Buffer.from(s, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)${tail};
}
`;
  const destructured = (tail = '') => `export function deserializeBytes(value: string): Uint8Array {
  const { buffer, byteOffset, byteLength } = Buffer.from(value, 'base64');
  return new Uint8Array(buffer, byteOffset, byteLength)${tail};
}
`;
  const message = (value: string, view: string, sink: string) => ({ value: `\`${value}\``, factory: '`Buffer.from()`', view: `\`${view}\``, sink });
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // Copied out of the pool.
        held('.slice()'),
        destructured('.slice()'),
        // Read on the spot.
        `export function first(s: string): number {
  const buffer = Buffer.from(s, 'base64');
  const view = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return view[0];
}
`,
        // Not pooled: `Buffer.allocUnsafeSlow` has memory of its own.
        held().replace("Buffer.from(s, 'base64')", 'Buffer.allocUnsafeSlow(16)'),
      ],
      invalid: [
        {
          code: held(),
          output: null,
          errors: [
            {
              messageId: 'returnedPooledRewrap',
              data: message("Buffer.from(s, 'base64')", 'new Uint8Array(buffer.buffer, buffer....', '`fromBase64()` returns it'),
              line: 3,
              column: 10,
              endLine: 3,
              endColumn: 77,
              suggestions: [{ messageId: 'copyRewrap', output: held('.slice()') }],
            },
          ],
        },
        {
          code: destructured(),
          output: null,
          errors: [
            {
              messageId: 'returnedPooledRewrap',
              data: message("Buffer.from(value, 'base64')", 'new Uint8Array(buffer, byteOffset, by...', '`deserializeBytes()` returns it'),
              line: 3,
              column: 10,
              endLine: 3,
              endColumn: 56,
              suggestions: [{ messageId: 'copyRewrap', output: destructured('.slice()') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// loaders.gl's LAZ decoder kept `toUint8Array(chunk)` in `this.chunks`, the view made in the helper, which other
// callers use too: a copy written into the helper would change what each of them gets. (With one caller, the
// copy is that caller's alone, and applied.)
describe('a view made in a helper and kept by one of its callers', () => {
  const code = (view: string) => `import net from 'node:net';
function head(chunk) {
  return ${view};
}
export class Collector {
  constructor(socket) {
    this.heads = [];
    socket.on('data', (chunk) => {
      if (head(chunk)[0] === 0) return;
      this.heads.push(head(chunk));
    });
  }
}
`;
  const view = 'new Uint8Array(chunk.buffer, chunk.byteOffset, 16)';
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [code(`${view}.slice()`)],
      invalid: [
        {
          code: code(view),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`new Uint8Array(chunk.buffer, chunk.by...`', parent: "`chunk`, received by the 'data' handler", sink: '`this.heads`' },
              line: 3,
              column: 10,
              endLine: 3,
              endColumn: 60,
              suggestions: [{ messageId: 'copyExactly', output: code(`${view}.slice()`) }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// exokit's Electron IPC client: views of each chunk collected in a local list, one of them then kept in a variable of the
// connection (`buffer = data`) until the next frame; the chunk itself is given `Buffer.concat([oldData, data])` first.
describe('a view put in a local list, and an element of the list kept', () => {
  const code = (view: string, loop = 'for (const item of datas)') => `export function connect(channel) {
  let oldData = null;
  let latest = null;
  channel.on('data', (data) => {
    if (oldData) {
      data = Buffer.concat([oldData, data]);
      oldData = null;
    }
    const datas = [];
    for (let i = 0; i + 8 <= data.length; i += 8) {
      const d = ${view};
      datas.push(d);
    }
    ${loop} {
      if (item[0] === 1) latest = item;
    }
  });
}
`;
  const view = 'data.slice(i, i + 8)';
  const copy = 'Uint8Array.prototype.slice.call(data, i, i + 8)';
  const error = (output: string) => ({
    messageId: 'retainedView' as const,
    data: { view: `\`${view}\``, parent: "`data`, received by the 'data' handler", sink: '`latest`, declared outside the function' },
    line: 11,
    column: 17,
    endLine: 11,
    endColumn: 37,
    suggestions: [{ messageId: 'copyExactly' as const, output }],
  });
  const indexed = 'for (let k = 0; k < datas.length; k++) { const item = datas[k];';
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        { code: code(copy), filename: 'file.js' },
        // The list's elements are only read.
        { code: code(view).replace('latest = item', 'latest = item[1]'), filename: 'file.js' },
      ],
      invalid: [
        { code: code(view), filename: 'file.js', output: null, errors: [error(code(copy))] },
        // An element read by index.
        { code: code(view, indexed).replace('latest = item;\n    }', 'latest = item;\n    }}'), filename: 'file.js', output: null, errors: [error(code(copy, indexed).replace('latest = item;\n    }', 'latest = item;\n    }}'))] },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// A view a helper returns (`header(frame)`) is kept where one call hands in a connection's greeting (`this.id =
// header(greeting)`, not known as incoming), while the 'data' listener's call only compares. The parent is what
// the keeping call hands in.
describe('a view a helper returns: its parent is what the call that keeps it hands in', () => {
  const code = (kept: string) => `function header(frame) {
  return frame.subarray(0, 4);
}
function Conn(socket, greeting) {
  this.id = header(greeting);
  var self = this;
  socket.on('data', function (chunk) {
    if (header(chunk)[0] !== 1) return;
    self.last = chunk.length;
  });
}
module.exports = Conn;
`.replace('self.last = chunk.length;', kept);
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [{ code: code('self.last = chunk.length;'), filename: 'file.js' }],
      invalid: [
        {
          code: code('self.tag = header(chunk);'),
          filename: 'file.js',
          output: null,
          errors: [
            {
              messageId: 'retainedView',
              data: { view: '`frame.subarray(0, 4)`', parent: "`chunk`, received by the 'data' handler", sink: '`self.tag`' },
              line: 2,
              column: 10,
              endLine: 2,
              endColumn: 30,
              suggestions: [{ messageId: 'copyExactly', output: code('self.tag = header(chunk);').replace('frame.subarray(0, 4)', 'Uint8Array.prototype.slice.call(frame, 0, 4)') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// noVNC's Websock: `rQshiftBytes(len)` returns a view of the receive queue `this._rQ`, which `_recvMessage()`
// compacts to its front as messages arrive (`copyWithin(0, …)`): whoever keeps the view reads other bytes later.
// `_encodeMessage()` returns a view of the send queue too, but it is private and its one caller only sends it.
describe('a method returns a view of its object\'s buffer, which another method writes into again', () => {
  const queue = NOVNC_WEBSOCK;
  const session = `export class Session {
  constructor(mod) {
    this.input = new Uint8Array(1024);
    this.written = 0;
    mod.onWrite = (bytes) => {
      this.input.set(bytes, this.written);
      this.written += bytes.length;
    };
    this.mod = mod;
  }
  exec(message) {
    this.written = 0;
    this.mod.run(message);
    return this.input.subarray(0, this.written);
  }
}
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // A growing writer appends past the end of what it handed out (pbf's `finish()`, pdf.js' chunked stream).
        `export class Writer {
  constructor() {
    this.buf = new Uint8Array(16);
    this.pos = 0;
  }
  writeByte(b) {
    this.buf[this.pos++] = b;
  }
  writeBytes(bytes) {
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
  finish() {
    return this.buf.subarray(0, this.pos);
  }
}
`,
        // The position is 0 only when the object is built: every later write appends.
        session.replace('  exec(message) {\n    this.written = 0;\n', '  exec(message) {\n'),
        // A method named for what it hands out tells its callers they get the buffer's bytes (msgpack's `encodeSharedRef()`).
        session.replace('  exec(message) {', '  execSharedRef(message) {'),
        // The queue is replaced, not written into: the view keeps its bytes.
        NOVNC_WEBSOCK_REPLACING,
      ],
      invalid: [
        // A position the class sets back to 0 at each call: the next call writes its bytes from the start of
        // the buffer again, under the view the last one returned (pglite's `execProtocolRawSync`).
        {
          code: session,
          output: null,
          errors: [
            {
              messageId: 'rewrittenFieldView',
              data: {
                view: '`this.input.subarray(0, this.written)`',
                buffer: '`this.input`',
                method: '`onWrite()`',
                written: '`this.input.set(bytes, this.written)`',
                sink: '`exec()` returns it',
              },
              line: 14,
              column: 12,
              endLine: 14,
              endColumn: 48,
              suggestions: [{ messageId: 'copyExactly', output: session.replace('this.input.subarray(0, this.written)', 'Uint8Array.prototype.slice.call(this.input, 0, this.written)') }],
            },
          ],
        },
        {
          code: queue,
          output: null,
          errors: [
            {
              messageId: 'rewrittenFieldView',
              data: {
                view: '`new Uint8Array(this._rQ.buffer, this....`',
                buffer: '`this._rQ`',
                method: '`_recvMessage()`',
                written: '`this._rQ.copyWithin(0, this._rQi, thi...`',
                sink: '`rQshiftBytes()` returns it',
              },
              line: 17,
              column: 12,
              endLine: 17,
              endColumn: 65,
              suggestions: [{ messageId: 'copyExactly', output: queue.replace('this._rQi - len, len)', 'this._rQi - len, len).slice()') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// A parser module and the actor that keeps what it parses, checked together: a function another file of the
// package exports (test/typed/pkg/header.js) cuts a view of the bytes it is given and hands it back, itself
// or in a record; the caller keeps it. The report is where it is kept, with a copy of it offered.
describe('views another file of the package cuts', () => {
  const actor = `import * as net from 'node:net';
import { parseHeader, keyOf, head, wordsOf } from './pkg/header.js';
export class Peer {
  keys = new Map<number, Uint8Array>();
  heads: Buffer[] = [];
  last?: Uint8Array;
  words?: Uint8Array;
  constructor(socket: net.Socket) {
    socket.on('data', (data) => {
      const h = parseHeader(data);
      this.keys.set(h.id, h.key);
      this.last = keyOf(data);
      this.heads.push(head(data));
      this.words = wordsOf(data);
    });
  }
}
`;
  const data = (value: string, cut: string, fn: string, sink: string) => ({
    value: `\`${value}\``,
    parent: "`data`, received by the 'data' handler",
    cut: `\`${cut}\``,
    function: `\`${fn}()\``,
    module: './pkg/header.js',
    sink: `\`${sink}\``,
  });
  const copied = (value: string, cast: string) => actor.replace(value + ')', `Uint8Array.prototype.slice.call(${value})${cast})`).replace(`= ${value};`, `= Uint8Array.prototype.slice.call(${value})${cast};`);
  const cjs = `var parser = require('./pkg/header');
function Conn(socket) {
  var self = this;
  this.keys = [];
  socket.on('data', function (chunk) {
    var rec = parser.parseHeader(chunk);
    self.keys.push(rec.key);
  });
}
module.exports = Conn;
`;
  runRuleTests(
    'no-retained-view',
    rule,
    {
      valid: [
        // The record's number kept, a view read and dropped, a copy, a cut of a parameter the function
        // reassigns first, a view of all of the chunk's bytes (msgpack's `ensureUint8Array`: no more than the
        // chunk), a view of the actor's own buffer, and `slice` of a string (a copy of bytes: none).
        {
          code: `import * as net from 'node:net';
import { parseHeader, keyOf, keyCopy, head, trimmed, asBytes } from './pkg/header.js';
export class Peer {
  ids: number[] = [];
  copies: Uint8Array[] = [];
  names: string[] = [];
  pool = Buffer.alloc(64);
  constructor(socket: net.Socket, text: net.Socket) {
    socket.on('data', (data) => {
      const h = parseHeader(data);
      this.ids.push(h.id);
      console.log(keyOf(data));
      this.copies.push(keyCopy(data));
      this.copies.push(trimmed(data));
      this.copies.push(asBytes(data));
      this.copies.push(keyOf(this.pool));
    });
    text.setEncoding('utf8');
    text.on('data', (line: string) => {
      this.names.push(head(line));
    });
  }
}
`,
          filename: TYPED_FILENAME,
        },
        // Bytes an exported function's callers hand in: nothing says they are a message (its callers are not seen here).
        {
          code: `import { keyOf } from './pkg/header.js';
const seen: Uint8Array[] = [];
export function remember(bytes: Uint8Array) {
  seen.push(keyOf(bytes));
}
`,
          filename: TYPED_FILENAME,
        },
      ],
      invalid: [
        {
          code: actor,
          filename: TYPED_FILENAME,
          output: null,
          errors: [
            {
              messageId: 'keptArgumentView',
              data: data('h.key', 'buf.subarray(4, 36)', 'parseHeader', 'this.keys'),
              line: 11,
              column: 27,
              endLine: 11,
              endColumn: 32,
              suggestions: [{ messageId: 'copyExactly', output: copied('h.key', ' as Buffer') }],
            },
            {
              messageId: 'keptArgumentView',
              data: data('keyOf(data)', 'buf.subarray(4, 36)', 'keyOf', 'this.last'),
              line: 12,
              column: 19,
              endLine: 12,
              endColumn: 30,
              suggestions: [{ messageId: 'copyExactly', output: copied('keyOf(data)', ' as Buffer') }],
            },
            {
              messageId: 'keptArgumentView',
              data: data('head(data)', 'value.slice(0, 4)', 'head', 'this.heads'),
              line: 13,
              column: 23,
              endLine: 13,
              endColumn: 33,
              suggestions: [{ messageId: 'copyExactly', output: copied('head(data)', ' as Buffer') }],
            },
            // A typed array the constructor makes over the Buffer's store: its copy is a Uint8Array, not cast.
            {
              messageId: 'keptArgumentView',
              data: data('wordsOf(data)', 'new Uint8Array(bytes.buffer, bytes.by...', 'wordsOf', 'this.words'),
              line: 14,
              column: 20,
              endLine: 14,
              endColumn: 33,
              suggestions: [{ messageId: 'copyExactly', output: copied('wordsOf(data)', '') }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
    {
      valid: [],
      // Pre-class JavaScript: the module object's function, its record read where it is kept.
      invalid: [
        {
          code: cjs,
          filename: TYPED_FILENAME.replace(/file\.ts$/, 'file.js'),
          output: null,
          errors: [
            {
              messageId: 'keptArgumentView',
              data: {
                value: '`rec.key`',
                parent: "`chunk`, received by the 'data' handler",
                cut: '`buf.subarray(4, 36)`',
                function: '`parseHeader()`',
                module: './pkg/header',
                sink: '`self.keys`',
              },
              line: 7,
              column: 20,
              endLine: 7,
              endColumn: 27,
              suggestions: [{ messageId: 'copyExactly', output: cjs.replace('push(rec.key)', 'push(Uint8Array.prototype.slice.call(rec.key))') }],
            },
          ],
        },
      ],
    },
  );
});
