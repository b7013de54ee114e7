import rule from '../../rules/no-middleman-forwarding';
import { runRuleTests } from '../helpers/rule-tester';

// Each case is one router shape. Invalid: a long-lived handler hands the payload it never reads to a
// destination picked from a table. Valid: the near-misses (the payload is read or transformed, a scalar,
// a transfer, a reply, a fixed destination, a broadcast, an API function running in its caller).
runRuleTests(
  "no-middleman-forwarding",
  rule,
  {
    valid: [
// A destination picked by the caller and handed to the helper that sends (`deliver(lanes[turn++ % n], msg)`), one call level down, or two when the middle one is a helper of the handler too (prototype methods: `this.post(this.slot(job.id), job)`; a local found by `get` in a private method). Valid: a fixed entry handed down, a helper an exported API calls as well, a relay between sockets through a helper.
  {
    code: `const { parentPort, Worker } = require('worker_threads');
const lanes = [new Worker('./a.js'), new Worker('./a.js')];
function deliver(worker, msg) {
  worker.postMessage(msg);
}
parentPort.on('message', (msg) => deliver(lanes[0], msg));
`,
  },
  {
    code: `const { parentPort, Worker } = require('worker_threads');
const lanes = [new Worker('./a.js'), new Worker('./a.js')];
let turn = 0;
function deliver(worker, msg) {
  worker.postMessage(msg);
}
parentPort.on('message', (msg) => deliver(lanes[turn++ % lanes.length], msg));
export function submit(task) {
  deliver(lanes[turn++ % lanes.length], task);
}
`,
  },
  {
    code: `const { WebSocketServer } = require('ws');
const peers = new Map();
function relay(peer, data) {
  peer.send(data);
}
new WebSocketServer({ port: 8080 }).on('connection', (ws) => {
  peers.set(ws.id, ws);
  ws.on('message', (data) => relay(peers.get(ws.partner), data));
});
`,
  },
// Two levels with the destination picked at the bottom (handler → this.#route(msg) → this.#send(msg), #send
// choosing the worker). Valid: the middle level reads the payload; the middle level is also an API method
// callers run directly.
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
export class Balancer {
  readonly #workers: Worker[] = [];
  readonly #audit: string[] = [];
  #next = 0;
  constructor() {
    parentPort?.on('message', (msg: { key: string; body: Uint8Array }) => this.#route(msg));
  }
  #route(msg: { key: string; body: Uint8Array }) {
    this.#audit.push(Buffer.from(msg.body).toString('hex'));
    this.#send(msg);
  }
  #send(msg: { key: string; body: Uint8Array }) {
    const worker = this.#workers[this.#next++ % this.#workers.length];
    worker.postMessage(msg);
  }
}
`,
  },
  {
    code: `const { parentPort, Worker } = require('worker_threads');
const pool = [new Worker('./w.js'), new Worker('./w.js')];
let cursor = 0;
function send(job) {
  pool[cursor++ % pool.length].postMessage(job);
}
function route(job) {
  send(job);
}
parentPort.on('message', (job) => route(job));
module.exports.submit = function submit(job) {
  route(job);
};
`,
  },
// Held-out round 3 (bench/unseen/actors3): a helper whose parameter is named `env` and is handed the whole message; comedy topic methods (`initialize(selfActor)`, or its parameter used for createChild). Valid: the same helper handed a field of the class, a class whose `initialize` takes options (no actor definition).
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
export class TenantRouter {
  readonly #lanes: Worker[] = [];
  constructor(private readonly settings: { tenant: number; rows: ArrayBuffer }) {
    parentPort?.on('message', (msg: { tenant: number }) => this.#route(this.settings));
  }
  #route(env: { tenant: number; rows: ArrayBuffer }) {
    this.#lanes[env.tenant % this.#lanes.length].postMessage(env);
  }
}
`,
  },
  {
    code: `class JobPlugin {
  initialize(options) {
    this.queues = options.queues;
  }
  submit(job) {
    return this.queues[job.shard % this.queues.length].send('job', job);
  }
}
module.exports = JobPlugin;
`,
  },
// Real code (socket.io's cluster engine and adapter primaries): a scan of Object.values(cluster.workers) for the entry whose Symbol-keyed id matches, and a for-in over cluster.workers that stops at the requester's worker. Valid: a multicast by a Symbol-keyed room, a for-in broadcast that skips the sender.
`import cluster from 'node:cluster';
const kRoom = Symbol('room');
cluster.on('message', (source, message: { room: string }) => {
  for (const worker of Object.values(cluster.workers ?? {})) {
    if (worker[kRoom] === message.room) worker.send(message);
  }
});
`,
`const cluster = require('node:cluster');
cluster.on('message', (worker, message) => {
  for (const id in cluster.workers) {
    if (id !== String(worker.id)) cluster.workers[id].send(message);
  }
});
`,
// Held-out round 2 (bench/unseen/actors2): a prototype method subscribed with bind, a one-parameter handler whatever its parameter's name, a child found or made once (get-or-create, ??=), routing scalars handed to spawn/set, a MessageEvent's data handed to a method, a registration branch that returns before the forward, a reducer's own state as the table. Valid: an 'exit' listener, the payload's size read, a reassignment that is no fill-in, a parsed event, a branch that reads and falls through, a destination the message carries.
`var threads = require('worker_threads');
function Router(pool) {
  this.pool = pool;
  this.turn = 0;
  threads.parentPort.on('exit', this.onMessage.bind(this));
}
Router.prototype.onMessage = function (msg) {
  this.pool[this.turn].postMessage(msg);
};
`,
`import { parentPort, Worker } from 'node:worker_threads';
const shards: Worker[] = [];
parentPort?.on('message', (env: { tenant: string; rows: ArrayBuffer }) => {
  if (env.rows.byteLength === 0) return;
  shards[hash(env.tenant) % shards.length].postMessage(env);
});
`,
`import { parentPort } from 'node:worker_threads';
const table = new Map();
parentPort.on('message', (msg) => {
  let w = table.get(msg.key);
  if (w.busy) w = spare;
  w.postMessage(msg);
});
`,
`export class ChannelRouter {
  private routes = new Map<string, MessagePort>();
  constructor(private port: MessagePort) {
    this.port.onmessage = (e: MessageEvent) => this.dispatch(JSON.parse(e.data));
  }
  private dispatch(msg: { channel: string; body: string }) {
    this.routes.get(msg.channel)?.postMessage(msg);
  }
}
`,
`import { parentPort } from 'node:worker_threads';
const registry = {};
parentPort.on('message', (message) => {
  if (message.type === 'register') {
    registry[message.name] = message.port;
  }
  registry[message.to].postMessage(message);
});
`,
`import { spawn, dispatch } from 'nact';
export const partitioner = spawn(system, (state: { seen: number }, msg: { target: unknown; value: Uint8Array }) => {
  dispatch(msg.target, msg);
  return { seen: state.seen + 1 };
});
`,
// Near-misses of the entry-field destinations: a fixed entry's field, a multicast by room through a
// field, a fixed field of the class, a new object sent to the least loaded's field, a socket relay.
`import { parentPort } from 'node:worker_threads';
const workers = [];
parentPort.on('message', (msg) => {
  workers[0].port.postMessage(msg);
});
`,
`import { parentPort } from 'node:worker_threads';
const members = [];
parentPort.on('message', (msg) => {
  for (const m of members) if (m.room === msg.room) m.port.postMessage(msg);
});
`,
`import { Worker } from 'node:worker_threads';
export class Logger {
  sink = { port: new Worker('./log.js') };
  receive(entry) {
    this.sink.port.postMessage(entry);
  }
}
`,
`const pool = [];
process.on('message', (task) => {
  let best = pool[0];
  for (const slot of pool) if (slot.inflight < best.inflight) best = slot;
  best.worker.postMessage({ ...task, at: Date.now() });
});
`,
`import { WebSocketServer } from 'ws';
const rooms = new Map();
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    rooms.get(ws.room).socket.send(data);
  });
});
`,
// A third set, written after the second (see the branch notes): destructured routing fields, a lookup
// function given the key, one finding for a PartyKit connection's listeners.
`const lanes = new Map();
const bus = new BroadcastChannel('jobs');
bus.addEventListener('message', (event) => {
  const lane = lanes.get(event.data.lane);
  lane.postMessage({ lane: event.data.lane, size: event.data.body.byteLength });
});
`,
`const replicas = [];
export function onRequest(req) {
  replicas.forEach((r) => r.send(req));
}
process.on('message', onRequest);
`,
`export class Hub {
  routes = {};
  receive({ channel, frame }) {
    this.routes[channel].tell(frame.subarray(8));
  }
}
`,
`const subscribers = new Map();
onmessage = (e) => {
  subscribers.get(e.data.topic)?.postMessage(e.data.id);
};
`,
`const nodes = [];
process.on('message', (m) => {
  nodes[0].send(m);
});
`,
// A second set, written after the implementation as a check on unseen shapes (see the branch notes).
`const pool = [];
let rr = 0;
process.on('message', (message) => {
  pool[rr++ % pool.length].postMessage({ id: message.id, bytes: message.bytes.slice(0, 16) });
});
`,
`const byTenant = new Map();
self.onmessage = ({ data }) => {
  const decoded = new TextDecoder().decode(data.body);
  byTenant.get(data.tenant).postMessage(decoded.toUpperCase());
};
`,
`const workers = [];
process.on('message', (msg) => {
  for (const w of workers) w.send(msg);
});
`,
`const worker = new Worker('./w.js');
process.on('message', (msg) => {
  worker.postMessage(msg);
});
`,
`const replies = new Map();
process.on('message', (msg) => {
  replies.get(msg.replyTo)?.send(msg);
});
`,
`const workers = [];
process.on('message', (msg) => {
  workers[msg.shard].postMessage(msg.payload, [msg.payload.buffer]);
});
`,
`import { WebSocketServer } from 'ws';
const clients = new Map();
new WebSocketServer({ port: 1 }).on('connection', (ws) => {
  ws.on('message', (data) => {
    const { to } = JSON.parse(String(data));
    clients.get(to)?.send(data);
  });
});
`,
`export class Pool {
  constructor() { this.workers = []; }
  run(job) {
    this.workers[job.id % this.workers.length].postMessage(job);
  }
}
`,
// A handle() method the file calls directly runs in its caller: not an entry point.
`export class Dispatcher {
  handle(msg) {
    this.ports[msg.kind].postMessage(msg);
  }
}
export function submit(dispatcher, msg) {
  dispatcher.handle(msg);
}
`,
// Real shapes (issue 12), near-misses: a multicast by room, a broadcast skipping the sender, a least-loaded
// pick of a new object, a for-await loop that slices, a caller that reads the payload, a comedy send of a
// new object, a parsed payload, a part of the payload, a WebSocket room relay and a PartyKit signalling
// relay (sockets: not reported), a nact dispatch of a new object.
`const workers = [];
process.on('message', (msg) => {
  for (const w of workers) if (w.room === msg.room) w.send(msg);
});
`,
`const workers = [];
process.on('message', (msg) => {
  for (const w of workers) if (w.id !== msg.from) w.send(msg);
});
`,
`import { Worker } from 'node:worker_threads';
const pool = [];
process.on('message', (job) => {
  let best = pool[0];
  for (const w of pool) if (w.load < best.load) best = w;
  best.postMessage({ ...job, queuedAt: Date.now() });
});
`,
`import { on } from 'node:events';
import { parentPort } from 'node:worker_threads';
const shards = [];
for await (const [msg] of on(parentPort, 'message')) {
  shards[msg.shard].postMessage(msg.data.subarray(1));
}
`,
`export class Dispatcher {
  handle(msg) {
    if (!validate(msg.body)) return;
    this.forward(msg);
  }
  forward(msg) {
    this.ports[msg.kind].postMessage(msg);
  }
}
function validate(body) { return body.length > 0; }
`,
`export class Balancer {
  receive(msg) {
    const target = this.workers[msg.key.length % this.workers.length];
    target.sendAndReceive('job', { ...msg, retries: 0 });
  }
}
`,
`const workers = [];
process.on('message', (msg) => {
  workers[msg.to].send(JSON.parse(msg.body));
});
`,
`const workers = [];
process.on('message', (msg) => {
  workers[msg.to].send(msg.body.header);
});
`,
`import { WebSocketServer } from 'ws';
const rooms = new Map();
new WebSocketServer({ port: 8080 }).on('connection', (ws, request) => {
  const room = new URL(request.url, 'http://x').pathname;
  ws.on('message', (data) => {
    for (const peer of rooms.get(room) ?? []) if (peer !== ws) peer.send(data);
  });
});
`,
`const partners = new Map();
export class Signalling {
  onMessage(message, sender) {
    this.room.getConnection(partners.get(sender.id))?.send(message);
  }
}
`,
`import { dispatch, spawn } from 'nact';
const routes = new Map();
const router = spawn(system, (state, msg, ctx) => {
  dispatch(routes.get(msg.type), { ...msg, hops: (msg.hops ?? 0) + 1 });
  return state;
});
`,
// A relay between network sockets (a TCP proxy, a signalling server) is not reported: its sender is a
// remote client that cannot be handed a destination (docs/rules/no-middleman-forwarding.md).
`import * as net from 'node:net';
const peers = new Map<string, net.Socket>();
export function relay(client: net.Socket, route: string) {
  client.on('data', (frame: Buffer) => {
    peers.get(route)?.write(frame);
  });
}
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(msg.payload.subarray(4));
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  if (msg.payload.byteLength > 1 << 20) return;
  workers[msg.shard].postMessage(msg.payload);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; id: string }) => {
  workers[msg.shard].postMessage(msg.id);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: ArrayBuffer }) => {
  workers[msg.shard].postMessage(msg.payload, [msg.payload]);
});
`,
`const ports = new Map<string, MessagePort>();
onmessage = (event: MessageEvent<{ topic: string; payload: ArrayBuffer }>) => {
  ports.get(event.data.topic)?.postMessage(event.data.payload, { transfer: [event.data.payload] });
};
`,
`addEventListener('message', (event: MessageEvent) => {
  event.ports[0].postMessage(event.data);
});
`,
`interface Peer { send(data: unknown): void }
export class Chat {
  private clients = new Map<string, Peer>();
  onMessage(msg: { from: string; body: string }) {
    this.clients.get(msg.from)?.send(msg.body);
  }
}
`,
`import { parentPort, Worker } from 'node:worker_threads';
class Forwarder {
  private worker!: Worker;
  start() {
    parentPort?.on('message', (msg: Uint8Array) => this.worker.postMessage(msg));
  }
}
`,
`export class ChatRoom {
  private sessions = new Map<WebSocket, { name: string }>();
  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    for (const peer of this.sessions.keys()) peer.send(message);
  }
}
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.once('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(msg);
});
`,
`import { EventEmitter } from 'node:events';
export class Bus {
  private topics = new Map<string, EventEmitter>();
  onMessage(msg: { topic: string; body: Uint8Array }) {
    this.topics.get(msg.topic)?.emit('message', msg);
  }
}
`,
// emit into an emitter picked from a table, plain JavaScript: a synchronous call, no copy and no queue (the
// line docs/rules/no-middleman-forwarding.md draws), so not reported.
`const { EventEmitter } = require('node:events');
const hub = new EventEmitter();
const buses = new Map();
hub.on('frame', (frame) => {
  buses.get(frame.topic)?.emit('frame', frame);
});
module.exports = { hub, buses };
`,
`import { Worker } from 'node:worker_threads';
const routes = new Map<string, Worker>();
export function route(key: string): Worker | undefined {
  return routes.get(key);
}
export function send(key: string, payload: Uint8Array): void {
  route(key)?.postMessage(payload);
}
`,
`interface Ref { tell(message: unknown): void }
declare class Actor {}
export class Router extends Actor {
  private routes = new Map<string, Ref>();
  send(key: string, payload: Uint8Array) {
    this.routes.get(key)?.tell(payload);
  }
}
`,
`import type { Writable } from 'node:stream';
export class Demux {
  private streams = new Map<number, Writable>();
  onFrame(frame: { streamId: number; body: Buffer }) {
    this.streams.get(frame.streamId)?.write(frame.body);
  }
}
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { payload: Uint8Array }) => {
  workers[0].postMessage(msg);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
declare function validate(body: Uint8Array): boolean;
const workers = new Map<string, Worker>();
parentPort?.on('message', (msg: { tenant: string; body: Uint8Array }) => {
  if (!validate(msg.body)) return;
  workers.get(msg.tenant)?.postMessage(msg);
});
`,
`import * as net from 'node:net';
import type { ChildProcess } from 'node:child_process';
const pool: ChildProcess[] = [];
let next = 0;
net.createServer().on('connection', (socket: net.Socket) => {
  pool[next++ % pool.length].send('socket', socket);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers = new Map<string, Worker>();
parentPort?.on('message', (msg: { channel: string; text: string }) => {
  console.log(msg.text.trim());
  workers.get(msg.channel)?.postMessage(msg);
});
`,
`export class Echo {
  private sessions = new Map<WebSocket, WebSocket>();
  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    this.sessions.get(ws)?.send(message);
  }
}
`,
`import { parentPort, Worker } from 'node:worker_threads';
declare function audit(msg: unknown): void;
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  audit(msg);
  workers[msg.shard].postMessage(msg);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(msg.payload, [msg.payload.buffer]);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
declare const transferList: ArrayBuffer[];
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(msg, transferList);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; hops: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage({ ...msg, hops: msg.hops + 1 });
});
`,
`declare function spawnStateless(parent: unknown, fn: (msg: any, ctx: any) => void): unknown;
declare function dispatch(target: unknown, msg: unknown): void;
declare const system: unknown;
spawnStateless(system, (msg, ctx) => {
  dispatch(ctx.sender, msg);
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(JSON.stringify(msg));
});
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(msg.payload, [msg.payload.buffer], 42);
  workers[msg.unknownField].postMesage(msg);
});
`,
    ],
    invalid: [
// A destination picked by the caller and handed to the helper that sends (`deliver(lanes[turn++ % n], msg)`), one call level down, or two when the middle one is a helper of the handler too (prototype methods: `this.post(this.slot(job.id), job)`; a local found by `get` in a private method). Valid: a fixed entry handed down, a helper an exported API calls as well, a relay between sockets through a helper.
  {
    code: `const { parentPort, Worker } = require('worker_threads');
const lanes = [new Worker('./a.js'), new Worker('./a.js')];
let turn = 0;
function deliver(worker, msg) {
  worker.postMessage(msg);
}
parentPort.on('message', (msg) => deliver(lanes[turn++ % lanes.length], msg));
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"lanes[turn++ % lanes.length]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 26,
        suggestions: [],
      },
    ],
  },
  {
    code: `function Balancer(port, workers) {
  this.workers = workers;
  port.on('message', (job) => this.route(job));
}
Balancer.prototype.slot = function (id) {
  return this.workers[id % this.workers.length];
};
Balancer.prototype.route = function (job) {
  this.post(this.slot(job.id), job);
};
Balancer.prototype.post = function (worker, job) {
  worker.postMessage(job);
};
module.exports = Balancer;
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`job`","lookup":"this.slot(job.id)","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 12,
        column: 3,
        endLine: 12,
        endColumn: 26,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, type MessagePort } from 'node:worker_threads';
export class Fanout {
  private readonly ports = new Map<string, MessagePort>();
  constructor() {
    parentPort?.on('message', (msg: { topic: string; body: Uint8Array }) => this.dispatch(msg));
  }
  private dispatch(msg: { topic: string; body: Uint8Array }) {
    const port = this.ports.get(msg.topic);
    if (port) this.deliver(port, msg);
  }
  private deliver(port: MessagePort, msg: { topic: string; body: Uint8Array }) {
    port.postMessage(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"this.ports.get(msg.topic)","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 26,
        suggestions: [],
      },
    ],
  },
// Two levels with the destination picked at the bottom: handler → this.#route(msg) → this.#send(msg), #send
// choosing the worker; the same with plain functions.
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
export class Balancer {
  readonly #workers: Worker[] = [];
  #next = 0;
  constructor() {
    parentPort?.on('message', (msg: { key: string; body: Uint8Array }) => this.#route(msg));
  }
  #route(msg: { key: string; body: Uint8Array }) {
    this.#send(msg);
  }
  #send(msg: { key: string; body: Uint8Array }) {
    const worker = this.#workers[this.#next++ % this.#workers.length];
    worker.postMessage(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"this.#workers[this.#next++ % this.#wo...","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 28,
        suggestions: [],
      },
    ],
  },
  {
    code: `const { parentPort, Worker } = require('worker_threads');
const pool = [new Worker('./w.js'), new Worker('./w.js')];
let cursor = 0;
function send(job) {
  pool[cursor++ % pool.length].postMessage(job);
}
function route(job) {
  send(job);
}
parentPort.on('message', (job) => route(job));
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`job`","lookup":"pool[cursor++ % pool.length]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 48,
        suggestions: [],
      },
    ],
  },
// Held-out round 3 (bench/unseen/actors3): a helper whose parameter is named `env` and is handed the whole message; comedy topic methods (`initialize(selfActor)`, or its parameter used for createChild). Valid: the same helper handed a field of the class, a class whose `initialize` takes options (no actor definition).
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
export class TenantRouter {
  readonly #lanes: Worker[] = [];
  constructor() {
    parentPort?.on('message', (env: { tenant: number; rows: ArrayBuffer }) => this.#route(env));
  }
  #route(env: { tenant: number; rows: ArrayBuffer }) {
    this.#lanes[env.tenant % this.#lanes.length].postMessage(env);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`env`","lookup":"this.#lanes[env.tenant % this.#lanes....","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 66,
        suggestions: [],
      },
    ],
  },
  {
    code: `class ResizeBalancer {
  async initialize(selfActor) {
    this.children = [await selfActor.createChild(Resizer), await selfActor.createChild(Resizer)];
    this.next = 0;
  }
  resize(image) {
    const child = this.children[this.next++ % this.children.length];
    return child.sendAndReceive('resize', image);
  }
}
module.exports = ResizeBalancer;
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"ResizeBalancer.resize","payload":"`image`","lookup":"this.children[this.next++ % this.chil...","cost":"`sendAndReceive` copies or queues it"},
        line: 8,
        column: 12,
        endLine: 8,
        endColumn: 49,
        suggestions: [],
      },
    ],
  },
  {
    code: `class ShardKeeper {
  async initialize(actor) {
    this.shards = [await actor.createChild(Shard), await actor.createChild(Shard)];
  }
  put(record) {
    return this.shards[record.shard % this.shards.length].send('put', record);
  }
}
module.exports = ShardKeeper;
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"ShardKeeper.put","payload":"`record`","lookup":"this.shards[record.shard % this.shard...","cost":"`send` copies or queues it"},
        line: 6,
        column: 12,
        endLine: 6,
        endColumn: 78,
        suggestions: [],
      },
    ],
  },
// Real code (socket.io's cluster engine and adapter primaries): a scan of Object.values(cluster.workers) for the entry whose Symbol-keyed id matches, and a for-in over cluster.workers that stops at the requester's worker. Valid: a multicast by a Symbol-keyed room, a for-in broadcast that skips the sender.
  {
    code: `import cluster from 'node:cluster';
const kNodeId = Symbol('nodeId');
cluster.on('message', (source, message: { senderId: string; recipientId?: string }) => {
  source[kNodeId] ??= message.senderId;
  for (const worker of Object.values(cluster.workers ?? {})) {
    if (worker[kNodeId] === message.recipientId) {
      worker.send(message);
      return;
    }
  }
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`message`", "lookup": "worker[kNodeId] === message.recipientId", "cost": "`send` copies or queues it"},
        line: 7,
        column: 7,
        endLine: 7,
        endColumn: 27,
        suggestions: [],
      },
    ],
  },
  {
    code: `const cluster = require('node:cluster');
const UIDS = Symbol('uids');
cluster.on('message', (worker, message) => {
  (worker[UIDS] ??= new Set()).add(message.uid);
  for (const id in cluster.workers) {
    if (cluster.workers[id][UIDS]?.has(message.requesterUid)) {
      cluster.workers[id].send(message);
      break;
    }
  }
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`message`", "lookup": "cluster.workers[id]", "cost": "`send` copies or queues it"},
        line: 7,
        column: 7,
        endLine: 7,
        endColumn: 40,
        suggestions: [],
      },
    ],
  },
// Held-out round 2 (bench/unseen/actors2): a prototype method subscribed with bind, a one-parameter handler whatever its parameter's name, a child found or made once (get-or-create, ??=), routing scalars handed to spawn/set, a MessageEvent's data handed to a method, a registration branch that returns before the forward, a reducer's own state as the table. Valid: an 'exit' listener, the payload's size read, a reassignment that is no fill-in, a parsed event, a branch that reads and falls through, a destination the message carries.
  {
    code: `var threads = require('worker_threads');
function Router(pool) {
  this.pool = pool;
  this.turn = 0;
  threads.parentPort.on('message', this.onMessage.bind(this));
}
Router.prototype.onMessage = function (msg) {
  var w = this.pool[this.turn];
  this.turn = (this.turn + 1) % this.pool.length;
  w.postMessage(msg);
};
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Router.onMessage", "payload": "`msg`", "lookup": "this.pool[this.turn]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 10,
        column: 3,
        endLine: 10,
        endColumn: 21,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const shards: Worker[] = [];
parentPort?.on('message', (env: { tenant: string; rows: ArrayBuffer }) => {
  shards[hash(env.tenant) % shards.length].postMessage(env);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`env`", "lookup": "shards[hash(env.tenant) % shards.length]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 60,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { spawn, spawnStateless, dispatch } from 'nact';
const sessions = new Map();
export const gateway = spawnStateless(system, (msg, ctx) => {
  let child = sessions.get(msg.sessionId);
  if (!child) {
    child = spawn(ctx.self, reducer, msg.sessionId);
    sessions.set(msg.sessionId, child);
  }
  dispatch(child, msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the actor handler passed to spawnStateless()", "payload": "`msg`", "lookup": "sessions.get(msg.sessionId)", "cost": "`dispatch` copies or queues it"},
        line: 9,
        column: 3,
        endLine: 9,
        endColumn: 23,
        suggestions: [],
      },
    ],
  },
  {
    code: `const rooms = new Map();
process.on('message', (msg) => {
  let channel = rooms.get(msg.room);
  channel ??= new BroadcastChannel(\`room:\${msg.room}\`);
  rooms.set(msg.room, channel);
  channel.postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg`", "lookup": "rooms.get(msg.room)", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 27,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class ChannelRouter {
  private routes = new Map<string, MessagePort>();
  constructor(private port: MessagePort) {
    this.port.onmessage = (e: MessageEvent) => this.dispatch(e.data);
  }
  private dispatch(msg: { channel: string; body: ArrayBuffer }) {
    this.routes.get(msg.channel)?.postMessage(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the onmessage handler", "payload": "`msg`", "lookup": "this.routes.get(msg.channel)", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 51,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort } from 'node:worker_threads';
const registry = {};
parentPort.on('message', (message) => {
  if (message.type === 'register') {
    registry[message.name] = message.port;
    return;
  }
  registry[message.to].postMessage(message);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`message`", "lookup": "registry[message.to]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 8,
        column: 3,
        endLine: 8,
        endColumn: 44,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { spawn, dispatch } from 'nact';
export const partitioner = spawn(system, (state: { children: unknown[] }, msg: { key: string; value: Uint8Array }) => {
  dispatch(state.children[msg.key.length % state.children.length], msg);
  return state;
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the actor handler passed to spawn()", "payload": "`msg`", "lookup": "state.children[msg.key.length % state...", "cost": "`dispatch` copies or queues it"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
// Held-out misses (bench/unseen/actors): the destination is a field of the table entry the router picked
// (`best.worker`, `w.port`, `pool.reduce(…).worker`, `sort(…)[0].port`, `shards.get(k).channel.port1`).
  {
    code: `import { parentPort } from 'node:worker_threads';
const pool = [];
parentPort.on('message', (task) => {
  let best = pool[0];
  for (const slot of pool) if (slot.inflight < best.inflight) best = slot;
  best.inflight++;
  best.worker.postMessage(task);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`task`","lookup":"slot.inflight < best.inflight","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 32,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort } from 'node:worker_threads';
const workers = [];
parentPort.on('message', (msg) => {
  for (const w of workers) {
    if (w.id === msg.to) w.port.postMessage(msg);
  }
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"w.id === msg.to","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 49,
        suggestions: [],
      },
    ],
  },
  {
    code: `const pool = [];
process.on('message', (task) => {
  const target = pool.reduce((a, b) => (a.pending <= b.pending ? a : b));
  target.worker.postMessage(task);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`task`","lookup":"pool.reduce((a, b) => (a.pending <= b...","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 34,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort } from 'node:worker_threads';
const lanes = [];
parentPort.on('message', (req) => {
  [...lanes].sort((a, b) => a.inflight - b.inflight)[0].port.postMessage(req);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`req`","lookup":"[...lanes].sort((a, b) => a.inflight ...","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 78,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort } from 'node:worker_threads';
const shards = new Map();
parentPort.on('message', (msg) => {
  shards.get(msg.key).channel.port1.postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"shards.get(msg.key)","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 53,
        suggestions: [],
      },
    ],
  },
// A third set, written after the second (see the branch notes).
  {
    code: `import { Worker } from 'node:worker_threads';
const lanes = new Map();
const bus = new BroadcastChannel('jobs');
bus.addEventListener('message', (event) => {
  const lane = lanes.get(event.data.lane);
  lane.postMessage(event.data);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`event.data`","lookup":"lanes.get(event.data.lane)","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 31,
        suggestions: [],
      },
    ],
  },
  {
    code: `const replicas = [];
let cursor = 0;
export function onRequest(req) {
  cursor = (cursor + 1) % replicas.length;
  replicas[cursor].send(req);
}
process.on('message', onRequest);
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`req`","lookup":"replicas[cursor]","cost":"`send` copies or queues it"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 29,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Hub {
  routes = {};
  receive({ channel, frame }) {
    this.routes[channel].tell(frame);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"Hub.receive","payload":"`frame`","lookup":"this.routes[channel]","cost":"`tell` copies or queues it"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 37,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort } from 'node:worker_threads';
const subscribers = new Map();
parentPort.onmessage = (e) => {
  const { topic } = e.data;
  subscribers.get(topic)?.postMessage(e.data);
};
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the onmessage handler","payload":"`e.data`","lookup":"subscribers.get(topic)","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 46,
        suggestions: [],
      },
    ],
  },
  {
    code: `const nodes = [];
function ring(id) { return nodes[fnv1a(id) % nodes.length]; }
function fnv1a(s) { return s.length; }
process.on('message', (m) => {
  if (!m) return;
  ring(m.id).send(m);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`m`","lookup":"ring(m.id)","cost":"`send` copies or queues it"},
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 21,
        suggestions: [],
      },
    ],
  },
// A second set, written after the implementation as a check on unseen shapes (see the branch notes).
  {
    code: `import { Worker } from 'node:worker_threads';
const pool = Array.from({ length: 4 }, () => new Worker('./w.js'));
let rr = 0;
process.on('message', function route(message) {
  const target = pool[rr];
  rr = rr === pool.length - 1 ? 0 : rr + 1;
  target.postMessage(message);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`message`","lookup":"pool[rr]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 30,
        suggestions: [],
      },
    ],
  },
  {
    code: `const byTenant = new Map();
self.onmessage = ({ data }) => {
  byTenant.get(data.tenant).postMessage(data);
};
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the onmessage handler","payload":"`data`","lookup":"byTenant.get(data.tenant)","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 46,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class ShardRouter {
  constructor(shards) { this.shards = shards; }
  onMessage(msg) {
    const i = crc32(msg.key) % this.shards.length;
    this.shards[i].tell(msg);
  }
}
function crc32(s) { return s.length; }
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"ShardRouter.onMessage","payload":"`msg`","lookup":"this.shards[i]","cost":"`tell` copies or queues it"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 29,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, MessageChannel } from 'node:worker_threads';
const ports = {};
parentPort.on('message', (msg) => {
  switch (msg.type) {
    case 'resize': ports.resizer.postMessage(msg); break;
    default: ports[msg.type]?.postMessage(msg);
  }
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"ports[msg.type]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 6,
        column: 14,
        endLine: 6,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
  {
    code: `const children = [];
process.on('message', (msg) => {
  const child = children.find((c) => c.pid === msg.pid);
  child.send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"children.find((c) => c.pid === msg.pid)","cost":"`send` copies or queues it"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 18,
        suggestions: [],
      },
    ],
  },
  {
    code: `import cluster from 'node:cluster';
cluster.on('message', (worker, msg) => {
  const id = Object.keys(cluster.workers)[msg.hash % 4];
  cluster.workers[id].send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"cluster.workers[id]","cost":"`send` copies or queues it"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 32,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { dispatch } from 'nact';
const lookup = new Map();
export const routerActor = (state, msg, ctx) => {
  const dest = lookup.get(msg.to);
  dispatch(dest, msg, ctx.self);
  return state;
};
spawnStateless(system, routerActor);
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the actor handler passed to spawnStateless()","payload":"`msg`","lookup":"lookup.get(msg.to)","cost":"`dispatch` copies or queues it"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 32,
        suggestions: [],
      },
    ],
  },
  {
    code: `const workers = [];
function pickWorker(key) { return workers[key.charCodeAt(0) % workers.length]; }
process.on('message', (msg) => {
  pickWorker(msg.key).send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"pickWorker(msg.key)","cost":"`send` copies or queues it"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 32,
        suggestions: [],
      },
    ],
  },
// A handle() method nothing in the file calls: an entry point (the framework delivers to it).
  {
    code: `export class Dispatcher {
  handle(msg) {
    this.ports[msg.kind].postMessage(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"Dispatcher.handle","payload":"`msg`","lookup":"this.ports[msg.kind]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 42,
        suggestions: [],
      },
    ],
  },
// Real shapes (issue 12): round-robin cursor, cursor in the index, hash modulo, least load, cluster.workers[id],
// Map lookup, table scan, BroadcastChannel onmessage with an object lookup, for await over on(port,
// 'message'), actor receive + tell, nact dispatch, a handle() forwarding through a method one level down,
// a named function subscribed by reference, comedy's sendAndReceive, a discriminator test.
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers = [new Worker('./a.js'), new Worker('./b.js')];
let next = 0;
parentPort.on('message', (msg) => {
  const worker = workers[next];
  next = (next + 1) % workers.length;
  worker.postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"workers[next]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 26,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers = [new Worker('./a.js'), new Worker('./b.js')];
let next = 0;
parentPort.on('message', (msg) => {
  workers[next++ % workers.length].postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"workers[next++ % workers.length]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 52,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort } from 'node:worker_threads';
const ports = [];
function hash(key) { let h = 0; for (const c of key) h = (h * 31 + c.charCodeAt(0)) | 0; return h >>> 0; }
parentPort.on('message', (msg) => {
  ports[hash(msg.key) % ports.length].postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"ports[hash(msg.key) % ports.length]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 55,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { Worker } from 'node:worker_threads';
const pool = [];
export function onJob(job) {
  let best = pool[0];
  for (const w of pool) if (w.load < best.load) best = w;
  best.postMessage(job);
}
process.on('message', onJob);
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`job`","lookup":"w.load < best.load","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 24,
        suggestions: [],
      },
    ],
  },
  {
    code: `import cluster from 'node:cluster';
process.on('message', (msg) => {
  cluster.workers[msg.workerId].send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"cluster.workers[msg.workerId]","cost":"`send` copies or queues it"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 42,
        suggestions: [],
      },
    ],
  },
  {
    code: `const routes = new Map();
process.on('message', (msg) => {
  routes.get(msg.to).send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"routes.get(msg.to)","cost":"`send` copies or queues it"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 31,
        suggestions: [],
      },
    ],
  },
  {
    code: `const workers = [];
process.on('message', (msg) => {
  for (const w of workers) if (w.id === msg.to) w.send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"w.id === msg.to","cost":"`send` copies or queues it"},
        line: 3,
        column: 49,
        endLine: 3,
        endColumn: 60,
        suggestions: [],
      },
    ],
  },
  {
    code: `const channels = {};
const bus = new BroadcastChannel('router');
bus.onmessage = (event) => {
  channels[event.data.topic].postMessage(event.data);
};
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the onmessage handler","payload":"`event.data`","lookup":"channels[event.data.topic]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 53,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { on } from 'node:events';
import { parentPort } from 'node:worker_threads';
const shards = [];
for await (const [msg] of on(parentPort, 'message')) {
  shards[msg.shard].postMessage(msg);
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the for await loop over on(parentPort, 'message')","payload":"`msg`","lookup":"shards[msg.shard]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 37,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class RouterActor {
  constructor() { this.children = new Map(); }
  receive(msg) {
    this.children.get(msg.key).tell(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"RouterActor.receive","payload":"`msg`","lookup":"this.children.get(msg.key)","cost":"`tell` copies or queues it"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 41,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { dispatch, spawn } from 'nact';
const routes = new Map();
const router = spawn(system, (state, msg, ctx) => {
  dispatch(routes.get(msg.type), msg);
  return state;
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the actor handler passed to spawn()","payload":"`msg`","lookup":"routes.get(msg.type)","cost":"`dispatch` copies or queues it"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 38,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Dispatcher {
  handle(msg) {
    this.forward(msg);
  }
  forward(msg) {
    this.ports[msg.kind].postMessage(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"Dispatcher.handle","payload":"`msg`","lookup":"this.ports[msg.kind]","cost":"`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 42,
        suggestions: [],
      },
    ],
  },
  {
    code: `const sessions = new Map();
function onMessage(msg) {
  sessions.get(msg.session).send(msg);
}
process.on('message', onMessage);
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg`","lookup":"sessions.get(msg.session)","cost":"`send` copies or queues it"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 38,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Balancer {
  receive(msg) {
    const target = this.workers[msg.key.length % this.workers.length];
    target.sendAndReceive('job', msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"Balancer.receive","payload":"`msg`","lookup":"this.workers[msg.key.length % this.wo...","cost":"`sendAndReceive` copies or queues it"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 38,
        suggestions: [],
      },
    ],
  },
  {
    code: `const workers = [];
process.on('message', (msg) => {
  if (msg.type === 'ping') return;
  workers[msg.to].send(msg.body);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler":"the 'message' handler","payload":"`msg.body`","lookup":"workers[msg.to]","cost":"`send` copies or queues it"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 33,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard % workers.length].postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg`", "lookup": "workers[msg.shard % workers.length]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 55,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { MessagePort } from 'node:worker_threads';
const ports: MessagePort[] = [];
declare function hash(id: string): number;
export function listen(inbox: MessagePort) {
  inbox.on('message', (msg: { id: string; payload: Uint8Array }) => {
    const { id, payload } = msg;
    ports[hash(id) % ports.length].postMessage(payload);
  });
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`payload`", "lookup": "ports[hash(id) % ports.length]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 56,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Ref { tell(message: unknown): void }
declare class Actor {}
export class TopicRouter extends Actor {
  private routes = new Map<string, Ref>();
  receive(msg: { topic: string; body: Uint8Array }) {
    this.routes.get(msg.topic)?.tell(msg.body);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "TopicRouter.receive", "payload": "`msg.body`", "lookup": "this.routes.get(msg.topic)", "cost": "`tell` copies or queues it"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Ref { tell(message: unknown): void }
declare class Actor {}
export class Supervisor extends Actor {
  private children = new Map<string, Ref>();
  receive(msg: { to: string; data: Uint8Array }) {
    const target = this.children.get(msg.to);
    if (!target) return;
    target.tell(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Supervisor.receive", "payload": "`msg`", "lookup": "this.children.get(msg.to)", "cost": "`tell` copies or queues it"},
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 21,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare function spawnStateless(parent: unknown, fn: (msg: any, ctx: any) => void): unknown;
declare function dispatch(target: unknown, msg: unknown): void;
declare function hash(key: string): number;
declare const system: unknown;
const shards: unknown[] = [];
spawnStateless(system, (msg, ctx) => {
  dispatch(shards[hash(msg.key) % shards.length], msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the actor handler passed to spawnStateless()", "payload": "`msg`", "lookup": "shards[hash(msg.key) % shards.length]", "cost": "`dispatch` copies or queues it"},
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 55,
        suggestions: [],
      },
    ],
  },
  {
    code: `const workers: Worker[] = [];
addEventListener('message', (event: MessageEvent<{ shard: number; blob: Uint8Array }>) => {
  workers[event.data.shard].postMessage(event.data);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`event.data`", "lookup": "workers[event.data.shard]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 52,
        suggestions: [],
      },
    ],
  },
  {
    code: `const ports = new Map<string, MessagePort>();
onmessage = (event: MessageEvent) => {
  ports.get(event.data.topic)?.postMessage(event.data.payload);
};
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the onmessage handler", "payload": "`event.data.payload`", "lookup": "ports.get(event.data.topic)", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 63,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  const payload = msg.payload;
  if (!payload) return;
  workers[msg.shard].postMessage(payload);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`payload`", "lookup": "workers[msg.shard]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 42,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  (workers[msg.shard] as Worker).postMessage(msg.payload as Uint8Array);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg.payload as Uint8Array`", "lookup": "workers[msg.shard]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Ref { tell(message: unknown): void }
declare class Actor {}
export class Router extends Actor {
  private routes = new Map<string, Ref>();
  receive(msg: { key: string; payload: Uint8Array }) {
    this.routes.get(msg.key)!.tell(msg.payload satisfies Uint8Array);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Router.receive", "payload": "`msg.payload satisfies Uint8Array`", "lookup": "this.routes.get(msg.key)", "cost": "`tell` copies or queues it"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 69,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
class Pool {
  private pool: Worker[] = [];
  private next = 0;
  start() {
    parentPort?.on('message', (job: { id: number; input: Uint8Array }) => {
      const worker = this.pool[this.next++ % this.pool.length];
      worker.postMessage(job);
    });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`job`", "lookup": "this.pool[this.next++ % this.pool.len...", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 8,
        column: 7,
        endLine: 8,
        endColumn: 30,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Ref { tell(message: unknown): void }
declare class Actor {}
export class Router extends Actor {
  private routes = new Map<string, Ref>();
  route(key: string): Ref | undefined {
    return this.routes.get(key);
  }
  receive(msg: { key: string; payload: Uint8Array }) {
    this.route(msg.key)?.tell(msg.payload);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Router.receive", "payload": "`msg.payload`", "lookup": "this.route(msg.key)", "cost": "`tell` copies or queues it"},
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 43,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Hop { forward(message: unknown): void }
export class Hub {
  private routes = new Map<string, Hop>();
  onMessage(msg: { topic: string; body: Uint8Array }) {
    this.routes.get(msg.topic)?.forward(msg);
  }
}
`,
    options: [{"sendMethods": ["forward"]}],
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Hub.onMessage", "payload": "`msg`", "lookup": "this.routes.get(msg.topic)", "cost": "`forward` copies or queues it"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 45,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Ref { tell(message: unknown): void }
declare class Actor {}
export class Router extends Actor {
  private routes = new Map<string, Ref>();
  private deadLetters!: Ref;
  receive(msg: { topic: string; body: Uint8Array }) {
    (this.routes.get(msg.topic) ?? this.deadLetters).tell(msg);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Router.receive", "payload": "`msg`", "lookup": "this.routes.get(msg.topic)", "cost": "`tell` copies or queues it"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 63,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const byKind: Record<string, Worker> = {};
parentPort?.on('message', (msg: { kind: 'image' | 'video'; bytes: Uint8Array }) => {
  switch (msg.kind) {
    case 'image':
    case 'video':
      byKind[msg.kind].postMessage(msg);
  }
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg`", "lookup": "byKind[msg.kind]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 7,
        column: 7,
        endLine: 7,
        endColumn: 40,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers = new Map<string, Worker>();
parentPort?.on('message', (msg: { tenant: string; body: Uint8Array }) => {
  console.log(\`routing for \${msg.tenant}\`);
  workers.get(msg.tenant)?.postMessage(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg`", "lookup": "workers.get(msg.tenant)", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 44,
        suggestions: [],
      },
    ],
  },
  {
    code: `import type { ChildProcess } from 'node:child_process';
const children: ChildProcess[] = [];
process.on('message', (msg: { child: number; job: string }) => {
  children[msg.child].send(msg);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg`", "lookup": "children[msg.child]", "cost": "`send` copies or queues it"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 32,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Ref { tell(message: unknown, extra: number): void }
declare class Actor {}
export class Router extends Actor {
  private routes = new Map<string, Ref>();
  receive(msg: { topic: string; body: Uint8Array }) {
    this.routes.get(msg.topic)?.tell(msg.body);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Router.receive", "payload": "`msg.body`", "lookup": "this.routes.get(msg.topic)", "cost": "`tell` copies or queues it"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', ({ shard, payload }: { shard: number; payload: Uint8Array }) => {
  workers[shard].postMessage(payload);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`payload`", "lookup": "workers[shard]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 38,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: Uint8Array }) => {
  workers[msg.shard].postMessage(/* as is */ msg.payload);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg.payload`", "lookup": "workers[msg.shard]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 58,
        suggestions: [],
      },
    ],
  },
    ],
  },
  {
    valid: [
// PartyKit relay between connections (a signalling server): not reported, no caller to hand a destination to.
`interface Connection { id: string; send(data: string | ArrayBuffer): void }
interface Room { getConnection(id: string): Connection | undefined }
export class Relay {
  private targets = new Map<string, string>();
  constructor(readonly room: Room) {}
  onMessage(message: string | ArrayBuffer, sender: Connection) {
    this.room.getConnection(this.targets.get(sender.id) ?? '')?.send(message);
  }
}
`,
`import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; attempt: number }) => {
  workers[msg.shard].postMessage(msg.attempt);
});
`,
    ],
    invalid: [
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: ArrayBuffer }) => {
  workers[msg.shard % workers.length]?.postMessage(msg.payload);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg.payload`", "lookup": "workers[msg.shard % workers.length]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 64,
        suggestions: [
          {
            messageId: "transferPayload",
            data: {"payload": "msg.payload"},
            output: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: ArrayBuffer }) => {
  workers[msg.shard % workers.length]?.postMessage(msg.payload, [msg.payload]);
});
`,
          },
        ],
      },
    ],
  },
  {
    code: `import { parentPort, Worker } from 'node:worker_threads';
const workers: Worker[] = [];
parentPort?.on('message', (msg: { shard: number; payload: ArrayBuffer }) => {
  workers[msg.shard].postMessage(msg.payload /* moved */);
});
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "the 'message' handler", "payload": "`msg.payload`", "lookup": "workers[msg.shard]", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 58,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Fanout {
  private ports = new Map<string, MessagePort>();
  handleMessage(topic: string, frame: ArrayBuffer) {
    this.ports.get(topic)?.postMessage(frame);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "middlemanForward",
        data: {"handler": "Fanout.handleMessage", "payload": "`frame`", "lookup": "this.ports.get(topic)", "cost": "`postMessage` structured-clones it, and a view ships its whole ArrayBuffer"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 46,
        suggestions: [
          {
            messageId: "transferPayload",
            data: {"payload": "frame"},
            output: `export class Fanout {
  private ports = new Map<string, MessagePort>();
  handleMessage(topic: string, frame: ArrayBuffer) {
    this.ports.get(topic)?.postMessage(frame, [frame]);
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
  {
    valid: [

    ],
    invalid: [

    ],
  },
);
