import rule from '../../rules/require-hibernation';
import { runRuleTests } from '../helpers/rule-tester';

// Durable Object, PartyKit and actor-buffer blockers, one behaviour a case. Cloudflare and PartyKit types
// are declared in each case (minimal stand-ins), so the typed run needs no extra packages.
runRuleTests(
  "require-hibernation",
  rule,
  {
    valid: [
// Held-out round 3 (bench/unseen/actors3): a pair socket handed to the constructor of a same-file class (a parameter property, or a plain parameter) that accepts it and listens to it. Valid: a constructor that only sends on a socket accepted with acceptWebSocket; the same class in a stateless Worker.
  {
    code: `declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
declare class DurableObject { ctx: any; constructor(ctx: unknown, env: unknown) }
class Peer {
  constructor(private readonly socket: WebSocket) {
    socket.send('welcome');
  }
}
export class Hub extends DurableObject {
  async fetch(request: Request) {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    new Peer(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
  async webSocketClose(ws: WebSocket, code: number) {
    ws.close(code, 'bye');
  }
  async webSocketError(ws: WebSocket) {
    ws.close(1011, 'error');
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `class Peer {
  constructor(socket) {
    socket.accept();
    socket.addEventListener('message', (e) => socket.send(e.data));
  }
}
export default {
  async fetch(request) {
    const pair = new WebSocketPair();
    new Peer(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  },
};
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// Real code (cloudflare/agents' lifecycle test object): a string the handler composes (a template with text of its own, a concatenation with a literal) and pushes is its own log, not received text. Invalid: the received text pushed as it came.
  {
    code: `declare class DurableObject { ctx: unknown; constructor(ctx: unknown, env: unknown) }
export class LifecycleLog extends DurableObject {
  readonly #events: string[] = [];
  onStart(props?: { label: string }) {
    this.#events.push(\`start:\${props?.label ?? 'none'}\`);
  }
  onRequest(request: Request) {
    this.#events.push('request ' + request.method);
    return Response.json(this.#events);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// Held-out round 2 (bench/unseen/actors2): a WebSocketPair handed to a helper that accepts its server end; a generic actor that keeps what a Buffer.isBuffer guard admits, or a copy (Buffer.from) of what it was sent. Valid: the same helper in a stateless Worker, a field a method resets, a copy of a literal.
  {
    code: `declare class WebSocketPair { 0: any; 1: any }
function acceptPair(pair) {
  const ws = pair[1];
  ws.accept();
  return ws;
}
export default {
  async fetch(request) {
    const pair = new WebSocketPair();
    acceptPair(pair);
    return new Response(null, { status: 101, webSocket: pair[0] });
  },
};
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `class UploadSession {
  constructor() { this.parts = []; }
  receive(msg) {
    if (Buffer.isBuffer(msg)) this.parts.push(msg);
  }
  flush() {
    const all = Buffer.concat(this.parts);
    this.parts = [];
    return all;
  }
}
module.exports = UploadSession;
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class RecorderActor {
  private frames: Buffer[] = [];
  handle(msg: { data: Uint8Array }) {
    if (msg.data.length === 0) this.frames.push(Buffer.from('ping'));
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// Real code (tldraw-sync-cloudflare): webSocketClose hands the socket, inside an object, to another object's
// method (the sync room, which closes the sockets it holds): it may close it, like a direct hand-off.
`declare class DurableObject { ctx: unknown; constructor(ctx: unknown, env: unknown) }
import { TLSocketRoom } from '@tldraw/sync-core';
export class Board extends DurableObject {
  room = new TLSocketRoom({});
  async webSocketClose(ws, code, reason) {
    this.end(ws);
  }
  end(ws) {
    const attachment = ws.deserializeAttachment();
    this.room.handleSocketResume({ sessionId: attachment.sessionId, socket: ws });
    this.room.handleSocketClose(attachment.sessionId);
  }
}
`,
// Near-misses of the held-out misses: a same-file manager that only sends on the socket; text reset in a
// handler, or in a callback the constructor subscribes; a `string[]` field; a `Buffer[]` field a method clears.
  {
    code: `declare class DurableObject { ctx: unknown; constructor(ctx: unknown, env: unknown) }
declare class WebSocketPair { 0: any; 1: any }
class Greeter {
  add(ws) {
    ws.send('welcome');
  }
}
export class Lobby extends DurableObject {
  greeter = new Greeter();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.greeter.add(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `class TranscriptRoom {
  constructor() {
    this.text = '';
  }
  handle(msg) {
    this.text += msg.text;
    if (msg.done) this.text = '';
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class UploadActor {
  private names: string[] = [];
  receive(msg) {
    this.names.push(msg.chunk);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class UploadActor {
  private chunks: Buffer[] = [];
  receive(msg) {
    this.chunks.push(msg.chunk);
  }
  flush() {
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    return all;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `class TickerRoom {
  constructor(bus) {
    this.log = '';
    bus.on('flush', () => {
      this.log = '';
    });
  }
  handle(msg) {
    this.log += msg.text;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// A third set, written after the second (see the branch notes): destructured routing fields, a lookup
// function given the key, one finding for a PartyKit connection's listeners.
  {
    code: `export class Counter {
  constructor(ctx, env) { this.ctx = ctx; }
  render(server) { server.accept(); }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `const HEARTBEAT = 100;
export class Live extends DurableObject {
  async fetch(r) {
    this.timer = setTimeout(() => this.beat(), HEARTBEAT);
    return new Response('ok');
  }
  beat() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class Doc extends DurableObject {
  async webSocketClose(ws, code, reason, clean) {
    await this.onDisconnect(ws, code);
  }
  async onDisconnect(ws, code) {
    ws.close(code);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export default {
  onConnect(conn, room) {
    conn.send('hello');
  },
  async onMessage(msg, conn, room) {},
};
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class LogAgent {
  text = '';
  receive(line) {
    this.text += line;
    if (this.text.length > 1e5) this.text = '';
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// A second set, written after the implementation as a check on unseen shapes (see the branch notes).
  {
    code: `export class Presence extends DurableObject {
  async fetch(req) {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, data) { ws.send(data); }
  async webSocketClose(ws, code) { ws.close(code); }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class Game {
  constructor(state, env) { this.state = state; this.env = env; }
  tick() { setInterval(() => {}, 50); }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `const BACKOFF_MS = 200;
export class Buffering extends DurableObject {
  queue(x) { setTimeout(() => this.flush(), BACKOFF_MS); }
  flush() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class Room extends DurableObject {
  users = new Map();
  async webSocketMessage(ws, msg) {
    const m = JSON.parse(msg);
    if (m.type === 'hello') ws.serializeAttachment({ name: m.name });
  }
  async webSocketClose(ws) { ws.close(); }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class Room extends DurableObject {
  async webSocketClose(ws, code, reason) {
    this.handleDisconnect(ws, code);
  }
  handleDisconnect(ws, code) {
    ws.close(code, 'bye');
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export default class Cursors {
  static options = { hibernate: false };
  onConnect(conn, ctx) {
    conn.addEventListener('close', () => this.gone(conn.id));
  }
  gone(id) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class UploadSession {
  chunks = [];
  receive(chunk: Uint8Array) {
    this.chunks.push(chunk);
    if (this.chunks.length > 8) this.chunks.splice(0, 4);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class Tunnel extends DurableObject {
  async fetch(req) {
    const upstream = new WebSocket('wss://example.com');
    upstream.addEventListener('message', (e) => this.forward(e.data));
    return new Response('ok');
  }
  forward(d) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// A same-file helper that receives the pair socket and registers it with the Hibernation API.
`function serve(server, room) {
  room.ctx.acceptWebSocket(server);
  server.send(JSON.stringify({ hello: room.name }));
}
export class Room extends DurableObject {
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    serve(server, this);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) { ws.send(message); }
}
`,
// Real shapes (issue 12): near-misses of the cases below. A constructor(state, env) alone is no Durable
// Object; a helper that only sends; a cache refilled from the socket; a short constant delay; an
// object-literal server without onMessage (no hibernation); a field trimmed after each append.
  {
    code: `export class Counter {
  constructor(state, env) {
    this.state = state;
    this.env = env;
  }
  start() {
    setInterval(() => this.tick(), 1000);
  }
  tick() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `function greet(ws) {
  ws.send('welcome');
}
export class Room extends DurableObject {
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    greet(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class Room extends DurableObject {
  sessions = new Map();
  async webSocketClose(ws, code, reason) {
    this.cleanup(ws);
  }
  cleanup(ws) {
    this.sessions.delete(ws);
    ws.close(code, 'bye');
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void }; constructor(ctx: unknown, env: unknown); }
export class Lobby extends DurableObject {
  private meta = new Map<WebSocket, { url: string }>();
  async webSocketMessage(ws: WebSocket, message: string) {
    let meta = this.meta.get(ws);
    if (!meta) {
      meta = { url: ws.url };
      this.meta.set(ws, meta);
    }
    ws.send(meta.url + message);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `const RETRY_MS = 50;
export class Doc extends DurableObject {
  schedule() {
    setTimeout(() => this.save(), RETRY_MS);
  }
  save() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export default {
  onConnect(ws, room) {
    ws.addEventListener('message', (event) => room.broadcast(event.data));
  },
};
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class ChatSession {
  transcript = '';
  handle(text) {
    this.transcript += text;
    if (this.transcript.length > 4096) this.transcript = this.transcript.slice(-1024);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
  {
    code: `export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map();
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async closeOrErrorHandler(webSocket, code) {
    this.sessions.delete(webSocket);
    webSocket.close(code, 'Durable Object is closing WebSocket');
  }
  async webSocketClose(webSocket, code, reason, wasClean) {
    this.closeOrErrorHandler(webSocket, code);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Lobby extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    try {
      return await this.join(request);
    } catch (err) {
      const pair = new WebSocketPair();
      pair[1].accept();
      pair[1].send(JSON.stringify({ error: String(err) }));
      pair[1].close(1011, 'setup failed');
      return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit);
    }
  }
  private async join(request: Request): Promise<Response> { return new Response(request.url); }
}
`,
`declare global { interface Response { readonly webSocket: WebSocket | null } }
declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Bridge extends DurableObject {
  private upstream: WebSocket | null = null;
  async connect(url: string): Promise<void> {
    const res = await fetch(url, { headers: { Upgrade: 'websocket' } });
    if (!res.webSocket) throw new Error('no upgrade');
    this.upstream = res.webSocket;
    this.upstream.accept();
    this.upstream.addEventListener('message', (event) => this.relay(String(event.data)));
  }
  async tail(url: string): Promise<void> {
    const { webSocket } = await fetch(url, { headers: { Upgrade: 'websocket' } });
    webSocket?.addEventListener('close', () => this.relay('closed'));
    const feed = new WebSocket(url);
    feed.addEventListener('message', (event) => this.relay(String(event.data)));
  }
  private relay(text: string) {}
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Board extends DurableObject {
  private labels = new WeakMap<WebSocket, () => string>();
  async webSocketMessage(ws: WebSocket, message: string) {
    this.ensureLabel(ws);
    ws.send(this.labels.get(ws)!() + message);
  }
  async webSocketClose(ws: WebSocket) { ws.close(); }
  private ensureLabel(ws: WebSocket) {
    if (this.labels.has(ws)) return;
    const url = ws.url;
    this.labels.set(ws, () => url);
  }
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101 });
  }
  async webSocketMessage(ws: WebSocket, message: string) { ws.send(message); }
  async webSocketClose(ws: WebSocket, code: number, reason: string) { ws.close(code, reason); }
}
`,
`declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Proxy {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    (server as any).accept();
    return new Response(null, { status: 101 });
  }
}
`,
`import * as net from 'node:net';
declare class DurableObject { constructor(ctx: unknown, env: unknown); }
export class Gateway extends DurableObject {
  listen(server: net.Server) {
    server.on('connection', (socket) => socket.end());
  }
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Limiter extends DurableObject {
  async fetch(): Promise<Response> {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return new Response('ok');
  }
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Limiter extends DurableObject {
  async fetch(): Promise<Response> {
    setTimeout(() => this.retry(), 50);
    return new Response('ok');
  }
  private retry() {}
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Scheduler extends DurableObject {
  async fetch(): Promise<Response> {
    await this.ctx.storage.setAlarm(Date.now() + 60_000);
    return new Response('ok');
  }
  async alarm() {}
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    this.cleanup(ws);
  }
  private cleanup(ws: WebSocket) { ws.close(); }
}
`,
// Handing the socket to another object's handler (crossws's Durable Object adapter), which may close it.
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
declare const adapter: { handleDurableClose(obj: object, ws: WebSocket, code: number, reason: string): Promise<void> };
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    return adapter.handleDurableClose(this, ws, code, reason);
  }
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    (ws as any).serializeAttachment({ name: message });
  }
  private names = new Map<WebSocket, string>();
  remember(ws: WebSocket, name: string) { this.names.set(ws, name); }
  webSocketClose(ws: WebSocket) { ws.close(); }
}
`,
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Registry extends DurableObject {
  private byId = new Map<string, WebSocket>();
  async webSocketMessage(ws: WebSocket, message: string) {
    this.byId.set(message, ws);
  }
  webSocketClose(ws: WebSocket) { ws.close(); }
}
`,
`declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Client {
  connect() {
    const [a, b] = Object.values(new WebSocketPair());
    b.addEventListener('message', () => {});
    setInterval(() => {}, 1000);
  }
}
`,
  {
    code: `interface Connection { id: string; addEventListener(type: string, fn: () => void): void }
export default class Room {
  static options = { hibernate: false };
  onConnect(conn: Connection) {
    conn.addEventListener('message', () => {});
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
  {
    code: `interface Connection { id: string; send(d: string): void }
export default class Room {
  static options = { hibernate: true };
  onConnect(conn: Connection) {
    conn.send('welcome');
  }
  onMessage(message: string, sender: Connection) {
    sender.send(message);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
`interface Connection { id: string; addEventListener(type: string, fn: () => void): void }
export default class Room {
  static options = { hibernate: true };
  onConnect(conn: Connection) {
    conn.addEventListener('message', () => {});
  }
}
`,
  {
    code: `declare class Actor {}
export class SessionActor extends Actor {
  private pending: Buffer[] = [];
  receive(chunk: Buffer) {
    this.pending.push(chunk);
    if (this.pending.length > 100) this.pending.shift();
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
  {
    code: `declare class Actor {}
export class SessionActor extends Actor {
  private pending: Buffer[] = [];
  receive(chunk: Buffer) {
    this.pending.push(chunk);
  }
  flush() {
    const all = Buffer.concat(this.pending);
    this.pending = [];
    return all;
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
  {
    code: `import { hibernateWhenIdle } from 'leakproof/runtime';
declare class Actor {}
export class SessionActor extends Actor {
  private pending: Buffer[] = [];
  constructor() { super(); hibernateWhenIdle(this, 30_000); }
  receive(chunk: Buffer) {
    this.pending.push(chunk);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
  {
    code: `declare function compactState(actor: object): void;
declare class Actor {}
export class SessionActor extends Actor {
  private pending: Buffer[] = [];
  receive(chunk: Buffer) {
    this.pending.push(chunk);
  }
}
compactState(new SessionActor());
`,
    options: [{"checks": {"actorBuffers": true}, "releaseFunctions": ["compactState"]}],
  },
  {
    code: `declare class Actor {}
export class Counter extends Actor {
  private seen: number[] = [];
  receive(msg: { n: number }) {
    this.seen.push(msg.n);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
// Real code (ColeMurray/background-agents' connection manager): a store method whose whole body keeps its
// two parameters, which nothing in the file calls: its callers elsewhere make the state (and refill it
// after a wake). Invalid: the same method called in the file with state made from a message.
  {
    code: `export class ConnectionManager {
  private clients = new Map<WebSocket, { participantId: string }>();
  constructor(private readonly ctx: DurableObjectState) {}
  accept(ws: WebSocket, wsId: string): void {
    this.ctx.acceptWebSocket(ws, [\`wsid:\${wsId}\`]);
  }
  setClient(ws: WebSocket, info: { participantId: string }): void {
    this.clients.set(ws, info);
  }
  getClient(ws: WebSocket) {
    return this.clients.get(ws) ?? null;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
  },
// A class not named like an actor with a receive/handle entry point: checked only for stores nothing reads
// back. Valid: a parser or collector that hands back what it kept (Buffer.concat in another method).
  {
    code: `export class Parser {
  private pending: Buffer[] = [];
  receive(chunk: Buffer) {
    this.pending.push(chunk);
  }
  take(): Buffer {
    return Buffer.concat(this.pending);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
  {
    code: `class UploadCollector {
  constructor() {
    this.parts = [];
  }
  receive(msg) {
    if (Buffer.isBuffer(msg)) this.parts.push(msg);
  }
  finish() {
    return Buffer.concat(this.parts);
  }
}
module.exports = UploadCollector;
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
`declare class Actor {}
export class SessionActor extends Actor {
  private pending: Buffer[] = [];
  receive(chunk: Buffer) {
    this.pending.push(chunk);
  }
}
`,
  {
    code: `declare class Actor {}
export class Idle extends Actor {
  private text = '';
  private timer?: ReturnType<typeof setTimeout>;
  receive(line: string) {
    this.text += line;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.text = ''; }, 10_000);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
  },
`declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const upstream = new WebSocket('wss://example.com');
    upstream.addEventListener('open', () => {});
    return new Response('ok');
  }
}
`,
    ],
    invalid: [
// Held-out round 3 (bench/unseen/actors3): a pair socket handed to the constructor of a same-file class (a parameter property, or a plain parameter) that accepts it and listens to it. Valid: a constructor that only sends on a socket accepted with acceptWebSocket; the same class in a stateless Worker.
  {
    code: `declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
declare class DurableObject { ctx: any; constructor(ctx: unknown, env: unknown) }
class Peer {
  constructor(private readonly socket: WebSocket, private readonly hub: Hub) {
    socket.accept();
    socket.addEventListener('message', (e) => this.hub.relay(this, String(e.data)));
  }
  send(text: string) { this.socket.send(text); }
}
export class Hub extends DurableObject {
  peers = new Set<Peer>();
  async fetch(request: Request) {
    const pair = new WebSocketPair();
    this.peers.add(new Peer(pair[1], this));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  relay(from: Peer, text: string) {
    for (const p of this.peers) if (p !== from) p.send(text);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"actor":"Hub","subject":"socket","detail":"`webSocketMessage`, `webSocketClose`, `webSocketError`","events":"'message'","handlerMethods":"`webSocketMessage`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 20,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Peer {
  constructor(socket, room) {
    this.socket = socket;
    socket.accept();
    socket.addEventListener('close', () => room.peers.delete(this));
  }
}
export class Hub {
  constructor(state, env) { this.state = state; this.peers = new Set(); }
  async fetch(request) {
    const pair = new WebSocketPair();
    this.peers.add(new Peer(pair[1], this));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"actor":"Hub","subject":"socket","detail":"`webSocketMessage`, `webSocketClose`, `webSocketError`","events":"'close'","handlerMethods":"`webSocketClose`"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 20,
        suggestions: [],
      },
    ],
  },
// A store method called in the file with state made from a message: per-socket state made here.
  {
    code: `export class ConnectionManager {
  private clients = new Map<WebSocket, { participantId: string }>();
  constructor(private readonly ctx: DurableObjectState) {}
  accept(ws: WebSocket, wsId: string): void {
    this.ctx.acceptWebSocket(ws, [\`wsid:\${wsId}\`]);
  }
  onHello(ws: WebSocket, message: string): void {
    this.setClient(ws, { participantId: JSON.parse(message).participantId });
  }
  setClient(ws: WebSocket, info: { participantId: string }): void {
    this.clients.set(ws, info);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "socketStateInMemory",
        data: {"actor":"ConnectionManager","subject":"clients"},
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 31,
        suggestions: [],
      },
    ],
  },
// A class not named like an actor with a receive/handle entry point, whose store nothing reads back (its
// count at most): what it keeps is only kept. Untyped: a Buffer.isBuffer guard; typed: a copy of the data.
  {
    code: `'use strict';
class ChunkCollector {
  constructor(id) {
    this.id = id;
    this.chunks = [];
  }
  receive(msg) {
    if (Buffer.isBuffer(msg)) {
      this.chunks.push(msg);
      return;
    }
    if (msg === 'count') return this.chunks.length;
  }
}
module.exports = ChunkCollector;
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"actor":"ChunkCollector","subject":"chunks","handler":"ChunkCollector.receive","what":"buffers"},
        line: 9,
        column: 7,
        endLine: 9,
        endColumn: 28,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class FrameLog {
  private frames: Uint8Array[] = [];
  handle(msg: { data: Uint8Array }): void {
    this.frames.push(new Uint8Array(msg.data));
  }
  get count(): number {
    return this.frames.length;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"actor":"FrameLog","subject":"frames","handler":"FrameLog.handle","what":"buffers"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
// Real code (cloudflare/agents' lifecycle test object): a string the handler composes (a template with text of its own, a concatenation with a literal) and pushes is its own log, not received text. Invalid: the received text pushed as it came.
  {
    code: `declare class Actor {}
export class ChatActor extends Actor {
  private lines: string[] = [];
  receive(msg: { text: string }) {
    this.lines.push(msg.text as string);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"actor":"ChatActor","subject":"lines","handler":"ChatActor.receive","what":"strings"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 40,
        suggestions: [],
      },
    ],
  },
// Held-out round 2 (bench/unseen/actors2): a WebSocketPair handed to a helper that accepts its server end; a generic actor that keeps what a Buffer.isBuffer guard admits, or a copy (Buffer.from) of what it was sent. Valid: the same helper in a stateless Worker, a field a method resets, a copy of a literal.
  {
    code: `declare class WebSocketPair { 0: any; 1: any }
function acceptPair(pair) {
  const ws = pair[1];
  ws.accept();
  return ws;
}
export class Ticker {
  constructor(state, env) { this.state = state; }
  async fetch(request) {
    const pair = new WebSocketPair();
    acceptPair(pair);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"actor":"Ticker","subject":"ws","detail":"`webSocketMessage`, `webSocketClose`, `webSocketError`","events":"","handlerMethods":"`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 14,
        suggestions: [],
      },
    ],
  },
  {
    code: `class UploadSession {
  constructor() { this.parts = []; }
  receive(msg) {
    if (Buffer.isBuffer(msg)) this.parts.push(msg);
  }
}
module.exports = UploadSession;
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"actor":"UploadSession","subject":"parts","handler":"UploadSession.receive","what":"buffers"},
        line: 4,
        column: 31,
        endLine: 4,
        endColumn: 51,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class RecorderActor {
  private frames: Buffer[] = [];
  handle(msg: { data: Uint8Array }) {
    this.frames.push(Buffer.from(msg.data));
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"actor":"RecorderActor","subject":"frames","handler":"RecorderActor.handle","what":"buffers"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 44,
        suggestions: [],
      },
    ],
  },
// Handed inside an object to a same-file method that does not close it: still a half-closed socket.
  {
    code: `declare class DurableObject { ctx: unknown; constructor(ctx: unknown, env: unknown) }
export class Board extends DurableObject {
  async webSocketClose(ws, code, reason) {
    this.announce({ left: ws, code });
  }
  announce(event) {
    console.log(event.code);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "closeNotCalled",
        data: {"actor": "Board", "subject": "ws"},
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `declare class DurableObject { ctx: unknown; constructor(ctx: unknown, env: unknown) }
export class Board extends DurableObject {
  async webSocketClose(ws, code, reason) {
    ws.close();
    this.announce({ left: ws, code });
  }
  announce(event) {
    console.log(event.code);
  }
}
`,
          },
        ],
      },
    ],
  },
// Held-out misses (bench/unseen/actors): a connection manager of the same file, reached through a field
// created with `new` (one call level down, accepted or only listened to there); text appended to a field the
// constructor starts as '' (that first value is no release); a field declared `Buffer[]` or
// `Array<Uint8Array>` says what is pushed into it, without types.
  {
    code: `declare class DurableObject { ctx: unknown; constructor(ctx: unknown, env: unknown) }
declare class WebSocketPair { 0: any; 1: any }
class ConnectionManager {
  add(ws) {
    ws.accept();
    ws.addEventListener('message', (e) => this.fanOut(e.data));
  }
  fanOut(data) {}
}
export class Channel extends DurableObject {
  connections = new ConnectionManager();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.connections.add(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"subject":"ws","events":"'message'","actor":"Channel","handlerMethods":"`webSocketMessage`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 16,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Sessions {
  attach(socket, room) {
    socket.addEventListener('message', (e) => room.relay(e.data));
    socket.addEventListener('close', () => room.leave(socket));
  }
}
export class Room {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Sessions();
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    this.sessions.attach(pair[1], this);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  relay(data) {}
  leave(ws) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "socketListener",
        data: {"subject":"socket","events":"'message' and 'close'","actor":"Room","handlerMethods":"`webSocketMessage`, `webSocketClose`"},
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 66,
        suggestions: [],
      },
    ],
  },
  {
    code: `class TranscriptRoom {
  constructor() {
    this.text = '';
  }
  handle(msg) {
    this.text += msg.text;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"TranscriptRoom.handle","what":"strings","subject":"text","actor":"TranscriptRoom"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 26,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class UploadActor {
  private chunks: Buffer[] = [];
  receive(msg: { chunk: Buffer }) {
    this.chunks.push(msg.chunk);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"UploadActor.receive","what":"buffers","subject":"chunks","actor":"UploadActor"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 32,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class FrameSession {
  frames: Array<Uint8Array> = [];
  handleMessage(frame) {
    this.frames.push(frame);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"FrameSession.handleMessage","what":"buffers","subject":"frames","actor":"FrameSession"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 28,
        suggestions: [],
      },
    ],
  },
// A third set, written after the second (see the branch notes).
  {
    code: `export class Counter {
  constructor(ctx, env) { this.ctx = ctx; ctx.blockConcurrencyWhile(async () => {}); }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject":"server","actor":"Counter","detail":"`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 20,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `export class Counter {
  constructor(ctx, env) { this.ctx = ctx; ctx.blockConcurrencyWhile(async () => {}); }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `const HEARTBEAT = 10 * 1000;
export class Live extends DurableObject {
  async fetch(r) {
    this.timer = setTimeout(() => this.beat(), HEARTBEAT);
    return new Response('ok');
  }
  beat() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject":"setTimeout","actor":"Live"},
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 58,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Doc extends DurableObject {
  async webSocketClose(ws, code, reason, clean) {
    await this.onDisconnect(ws);
  }
  async onDisconnect(ws) {
    await this.ctx.storage.put('last', Date.now());
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "closeHandedOff",
        data: {"actor":"Doc","subject":"ws","via":"onDisconnect"},
        line: 2,
        column: 9,
        endLine: 2,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `export class Doc extends DurableObject {
  async webSocketClose(ws, code, reason, clean) {
    ws.close();
    await this.onDisconnect(ws);
  }
  async onDisconnect(ws) {
    await this.ctx.storage.put('last', Date.now());
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `export default {
  onConnect(conn, room) {
    conn.addEventListener('message', (e) => room.broadcast(e.data));
    conn.addEventListener('close', () => room.broadcast('bye'));
  },
  async onMessage(msg, conn, room) {},
};
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject":"conn.addEventListener('message', …)`, `conn.addEventListener('close', …)","actor":"the default-exported server","selectedBy":"it defines `onMessage`"},
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 68,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class LogAgent {
  text = '';
  receive(line) {
    this.text += line;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"LogAgent.receive","what":"strings","subject":"text","actor":"LogAgent"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 22,
        suggestions: [],
      },
    ],
  },
// A second set, written after the implementation as a check on unseen shapes (see the branch notes).
  {
    code: `export class Presence extends DurableObject {
  async fetch(req) {
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    server.addEventListener('message', (e) => this.onPresence(server, e.data));
    return new Response(null, { status: 101, webSocket: client });
  }
  onPresence(ws, data) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"subject":"server","events":"'message'","actor":"Presence","handlerMethods":"`webSocketMessage`"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 20,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `export class Presence extends DurableObject {
  async fetch(req) {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.addEventListener('message', (e) => this.onPresence(server, e.data));
    return new Response(null, { status: 101, webSocket: client });
  }
  onPresence(ws, data) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Game {
  constructor(state, env) { this.state = state; this.env = env; }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    this.loop = setInterval(() => this.tick(), 50);
    return new Response(null, { status: 101, webSocket: client });
  }
  tick() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject":"setInterval","actor":"Game"},
        line: 6,
        column: 17,
        endLine: 6,
        endColumn: 51,
        suggestions: [],
      },
    ],
  },
  {
    code: `const IDLE_FLUSH_MS = 30_000;
export class Buffering extends DurableObject {
  queue(x) { setTimeout(() => this.flush(), IDLE_FLUSH_MS); }
  flush() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject":"setTimeout","actor":"Buffering"},
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 59,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Room extends DurableObject {
  users = new Map();
  async webSocketMessage(ws, msg) {
    const m = JSON.parse(msg);
    if (m.type === 'hello') this.users.set(ws, { name: m.name, joined: Date.now() });
  }
  async webSocketClose(ws) { ws.close(); }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "socketStateInMemory",
        data: {"actor":"Room","subject":"users"},
        line: 5,
        column: 29,
        endLine: 5,
        endColumn: 85,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Room extends DurableObject {
  async webSocketClose(ws, code, reason) {
    this.handleDisconnect(ws, code);
  }
  handleDisconnect(ws, code) {
    this.broadcast(\`left \${code}\`);
  }
  broadcast(m) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "closeHandedOff",
        data: {"actor":"Room","subject":"ws","via":"handleDisconnect"},
        line: 2,
        column: 9,
        endLine: 2,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `export class Room extends DurableObject {
  async webSocketClose(ws, code, reason) {
    ws.close();
    this.handleDisconnect(ws, code);
  }
  handleDisconnect(ws, code) {
    this.broadcast(\`left \${code}\`);
  }
  broadcast(m) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `export default class Cursors {
  static options = { hibernate: true };
  onConnect(conn, ctx) {
    conn.addEventListener('close', () => this.gone(conn.id));
  }
  gone(id) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject":"conn.addEventListener('close', …)","actor":"Cursors","selectedBy":"`hibernate: true`"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 61,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class UploadSession {
  chunks = [];
  receive(chunk: Uint8Array) {
    this.chunks.push(chunk);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"UploadSession.receive","what":"buffers","subject":"chunks","actor":"UploadSession"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 28,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Tunnel extends DurableObject {
  async fetch(req) {
    const pair = new WebSocketPair();
    this.wire(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  wire(sock) {
    sock.accept();
    sock.addEventListener('message', (e) => this.forward(e.data));
  }
  forward(d) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"subject":"sock","events":"'message'","actor":"Tunnel","handlerMethods":"`webSocketMessage`"},
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 18,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `export class Tunnel extends DurableObject {
  async fetch(req) {
    const pair = new WebSocketPair();
    this.wire(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  wire(sock) {
    this.ctx.acceptWebSocket(sock);
    sock.addEventListener('message', (e) => this.forward(e.data));
  }
  forward(d) {}
}
`,
          },
        ],
      },
    ],
  },
// Wrappers and hazards: an object-literal server through `satisfies` (an `onclose =` property), a
// hand-off with a comment in the body (no suggestion), an alias through `as` with an optional call and a
// type error elsewhere (no crash).
  {
    code: `interface PartyKitServer { onConnect?(conn: unknown, room: unknown): void; onMessage?(message: unknown, sender: unknown, room: unknown): void }
export default {
  onConnect(conn, room) {
    conn.onclose = () => room.broadcast('left');
  },
  onMessage(message, sender, room) {
    room.broadcast(message);
  },
} satisfies PartyKitServer;
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject":"conn.onclose = …","actor":"the default-exported server","selectedBy":"it defines `onMessage`"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 48,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Room extends DurableObject {
  async webSocketClose(ws, code, reason) {
    // forget the socket; the helper decides how to close
    this.forget(ws);
  }
  forget(ws) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "closeHandedOff",
        data: {"actor":"Room","subject":"ws","via":"forget"},
        line: 2,
        column: 9,
        endLine: 2,
        endColumn: 23,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Room extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    const server = (pair[1] as WebSocket);
    server?.accept();
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async webSocketMessage(ws: WebSocket, message: string) { ws.send(message.toUpperCase(1)); }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject":"server","actor":"Room","detail":"`webSocketClose`, `webSocketError`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 21,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `export class Room extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    const server = (pair[1] as WebSocket);
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async webSocketMessage(ws: WebSocket, message: string) { ws.send(message.toUpperCase(1)); }
}
`,
          },
        ],
      },
    ],
  },
// A same-file helper that receives the pair socket, accepts it and listens: one finding at its accept(),
// no suggestion (`this` there is not the object).
  {
    code: `function serve(server, room) {
  server.accept();
  server.addEventListener('message', (event) => room.broadcast(event.data));
  server.addEventListener('close', () => room.leave(server));
}
export class Room extends DurableObject {
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    serve(server, this);
    return new Response(null, { status: 101, webSocket: client });
  }
  broadcast(data) {}
  leave(ws) {}
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"subject":"server","events":"'message' and 'close'","actor":"Room","handlerMethods":"`webSocketMessage`, `webSocketClose`"},
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 18,
        suggestions: [],
      },
    ],
  },
  // Cloudflare's workers-chat-demo names the state `controller` and keeps only its storage.
  {
    code: `export class ChatRoom {
  constructor(controller, env) {
    this.storage = controller.storage;
    this.env = env;
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    await this.handleSession(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async handleSession(webSocket) {
    webSocket.accept();
    webSocket.addEventListener('message', (msg) => this.broadcast(msg.data));
  }
  broadcast(data) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"subject":"webSocket","events":"'message'","actor":"ChatRoom","handlerMethods":"`webSocketMessage`"},
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 23,
        suggestions: [],
      },
    ],
  },
// Real shapes (issue 12): pre-class Durable Objects (the workers-chat-demo shape, accepted in
// handleSession, one finding for the listener set), a helper one call level down, an untyped pair alias,
// webSocketClose handing the socket to code that does not close it, Map<WebSocket, …> state, a constant
// delay, PartyKit's instance options and object-literal API, generic actor classes by name.
  {
    code: `export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.storage = state.storage;
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    await this.handleSession(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async handleSession(webSocket) {
    webSocket.accept();
    webSocket.addEventListener('message', (msg) => this.broadcast(msg.data));
    webSocket.addEventListener('close', () => this.quit(webSocket));
    webSocket.addEventListener('error', () => this.quit(webSocket));
  }
  broadcast(data) {}
  quit(ws) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocketListeners",
        data: {"subject":"webSocket","events":"'message', 'close' and 'error'","actor":"ChatRoom","handlerMethods":"`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 23,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.storage = state.storage;
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    await this.handleSession(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async handleSession(webSocket) {
    this.state.acceptWebSocket(webSocket);
    webSocket.addEventListener('message', (msg) => this.broadcast(msg.data));
    webSocket.addEventListener('close', () => this.quit(webSocket));
    webSocket.addEventListener('error', () => this.quit(webSocket));
  }
  broadcast(data) {}
  quit(ws) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Counter {
  constructor(state, env) {
    this.state = state;
    state.blockConcurrencyWhile(async () => {});
  }
  start() {
    setInterval(() => this.tick(), 1000);
  }
  tick() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject":"setInterval","actor":"Counter"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 41,
        suggestions: [],
      },
    ],
  },
  {
    code: `function attachHandlers(ws, room) {
  ws.addEventListener('message', (event) => room.broadcast(event.data));
}
export class Room extends DurableObject {
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    attachHandlers(server, this);
    return new Response(null, { status: 101, webSocket: client });
  }
  broadcast(data) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "socketListener",
        data: {"events":"'message'","subject":"ws","actor":"Room","handlerMethods":"`webSocketMessage`"},
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class Echo extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    const server = pair[1];
    server.accept();
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject":"server","actor":"Echo","detail":"`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 20,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `export class Echo extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Room extends DurableObject {
  sessions = new Map();
  async webSocketMessage(ws, message) { ws.send(message); }
  async webSocketClose(ws, code, reason) {
    this.cleanup(ws);
  }
  cleanup(ws) {
    this.sessions.delete(ws);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "closeHandedOff",
        data: {"actor":"Room","subject":"ws","via":"cleanup"},
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `export class Room extends DurableObject {
  sessions = new Map();
  async webSocketMessage(ws, message) { ws.send(message); }
  async webSocketClose(ws, code, reason) {
    ws.close();
    this.cleanup(ws);
  }
  cleanup(ws) {
    this.sessions.delete(ws);
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Room extends DurableObject {
  async webSocketClose(ws, code, reason) {
    this.onClose(ws);
  }
  onClose(ws) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "closeHandedOff",
        data: {"actor":"Room","subject":"ws","via":"onClose"},
        line: 2,
        column: 9,
        endLine: 2,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `export class Room extends DurableObject {
  async webSocketClose(ws, code, reason) {
    ws.close();
    this.onClose(ws);
  }
  onClose(ws) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void }; constructor(ctx: unknown, env: unknown); }
export class Lobby extends DurableObject {
  private sessions = new Map<WebSocket, { name: string }>();
  join(socket, name: string) {
    this.sessions.set(socket, { name });
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "socketStateInMemory",
        data: {"actor":"Lobby","subject":"sessions"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 40,
        suggestions: [],
      },
    ],
  },
  {
    code: `const SAVE_DEBOUNCE_MS = 5000;
export class Doc extends DurableObject {
  schedule() {
    setTimeout(() => this.save(), SAVE_DEBOUNCE_MS);
  }
  save() {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject":"setTimeout","actor":"Doc"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 52,
        suggestions: [],
      },
    ],
  },
  {
    code: `export default class Chat {
  readonly options = { hibernate: true };
  onConnect(conn) {
    conn.addEventListener('message', (event) => this.relay(event.data));
  }
  relay(data) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject":"conn.addEventListener('message', …)","actor":"Chat","selectedBy":"`hibernate: true`"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 72,
        suggestions: [],
      },
    ],
  },
  {
    code: `export default {
  onConnect(ws, room) {
    ws.addEventListener('message', (event) => room.broadcast(event.data));
  },
  onMessage(message, sender, room) {
    room.broadcast(message);
  },
};
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject":"ws.addEventListener('message', …)","actor":"the default-exported server","selectedBy":"it defines `onMessage`"},
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 74,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class StreamSession {
  frames: Buffer[] = [];
  receive(frame: Buffer) {
    this.frames.push(frame);
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"StreamSession.receive","what":"buffers","subject":"frames","actor":"StreamSession"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 28,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class ChatSession {
  transcript = '';
  handle(text) {
    this.transcript += text;
  }
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler":"ChatSession.handle","what":"strings","subject":"transcript","actor":"ChatSession"},
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 28,
        suggestions: [],
      },
    ],
  },
  {
    code: `export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map();
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async closeOrErrorHandler(webSocket) {
    const session = this.sessions.get(webSocket) || {};
    this.sessions.delete(webSocket);
    if (session.name) this.broadcast({ quit: session.name });
  }
  async webSocketClose(webSocket, code, reason, wasClean) {
    this.closeOrErrorHandler(webSocket);
  }
  broadcast(message) {}
}
`,
    options: [{"checks":{"durableObjects":true,"partyKit":true,"actorBuffers":true}}],
    output: null,
    errors: [
      {
        messageId: "closeHandedOff",
        data: {"actor":"ChatRoom","subject":"webSocket","via":"closeOrErrorHandler"},
        line: 16,
        column: 9,
        endLine: 16,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map();
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async closeOrErrorHandler(webSocket) {
    const session = this.sessions.get(webSocket) || {};
    this.sessions.delete(webSocket);
    if (session.name) this.broadcast({ quit: session.name });
  }
  async webSocketClose(webSocket, code, reason, wasClean) {
    webSocket.close();
    this.closeOrErrorHandler(webSocket);
  }
  broadcast(message) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Lobby extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    pair[1].accept();
    if (!request.headers.get('x-ok')) pair[1].close(1008, 'denied');
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject": "pair[1]", "actor": "Lobby", "detail": "`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 21,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Lobby extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    if (!request.headers.get('x-ok')) pair[1].close(1008, 'denied');
    return new Response(null, { status: 101 });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Board extends DurableObject {
  private names = new Map<WebSocket, string>();
  async webSocketClose(ws: WebSocket) { ws.close(); }
  private join(ws: WebSocket, name: string) {
    if (this.names.has(ws)) return;
    this.names.set(ws, name);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "socketStateInMemory",
        data: {"actor": "Board", "subject": "names"},
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 29,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    (server as any).accept();
    return new Response(null, { status: 101, webSocket: client } as ResponseInit);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject": "server", "actor": "ChatRoom", "detail": "`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 29,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client } as ResponseInit);
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    (pair[1] as any).accept();
    return new Response(null, { status: 101 });
  }
  webSocketMessage(ws: WebSocket, message: string) {}
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject": "pair[1]", "actor": "ChatRoom", "detail": "`webSocketClose`, `webSocketError`"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 30,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101 });
  }
  webSocketMessage(ws: WebSocket, message: string) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
interface DurableObjectState { acceptWebSocket(ws: WebSocket): void }
export class Counter {
  constructor(private state: DurableObjectState) {}
  async fetch(request: Request): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    (server as any).accept(/* now */);
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject": "server", "actor": "Counter", "detail": "`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 38,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
interface DurableObjectState { acceptWebSocket(ws: WebSocket): void }
export class Presence {
  state: DurableObjectState;
  constructor(state: DurableObjectState, env: unknown) {
    this.state = state;
  }
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    (server as any).accept();
    return new Response(null, { status: 101 });
  }
  webSocketMessage(ws: WebSocket, m: string) {}
  webSocketClose(ws: WebSocket) { ws.close(); }
  webSocketError(ws: WebSocket) {}
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject": "server", "actor": "Presence", "detail": "none (all are defined)"},
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 29,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
interface DurableObjectState { acceptWebSocket(ws: WebSocket): void }
export class Presence {
  state: DurableObjectState;
  constructor(state: DurableObjectState, env: unknown) {
    this.state = state;
  }
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101 });
  }
  webSocketMessage(ws: WebSocket, m: string) {}
  webSocketClose(ws: WebSocket) { ws.close(); }
  webSocketError(ws: WebSocket) {}
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.addEventListener('message', (event) => {
      server.send(String(event.data));
    });
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "socketListener",
        data: {"subject": "server", "events": "'message'", "actor": "ChatRoom", "handlerMethods": "`webSocketMessage`"},
        line: 7,
        column: 5,
        endLine: 9,
        endColumn: 7,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server?.addEventListener('close', () => console.log('closed'));
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "socketListener",
        data: {"subject": "server", "events": "'close'", "actor": "ChatRoom", "handlerMethods": "`webSocketClose`"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 67,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Ticker extends DurableObject {
  private count = 0;
  async fetch(): Promise<Response> {
    setInterval(() => { this.count++; }, 1000);
    return new Response('ok');
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject": "setInterval", "actor": "Ticker"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Session extends DurableObject {
  async fetch(): Promise<Response> {
    setTimeout(() => this.expire(), 30 * 60 * 1000);
    return new Response('ok');
  }
  private expire() {}
}
`,
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject": "setTimeout", "actor": "Session"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 52,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Session extends DurableObject {
  async fetch(): Promise<Response> {
    globalThis.setTimeout(() => this.flush(), 5_000);
    return new Response('ok');
  }
  private flush() {}
}
`,
    output: null,
    errors: [
      {
        messageId: "residentTimer",
        data: {"subject": "setTimeout", "actor": "Session"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 53,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {
    console.log('closed', code, reason, wasClean);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "closeNotCalled",
        data: {"actor": "ChatRoom", "subject": "ws"},
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {
    ws.close();
    console.log('closed', code, reason, wasClean);
  }
}
`,
          },
        ],
      },
    ],
  },
  // A collection or a logger that takes the socket does not close it.
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  private sessions = new Map<WebSocket, string>();
  async webSocketClose(ws: WebSocket, code: number) {
    this.sessions.delete(ws);
    console.log('closed', ws, code);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "closeNotCalled",
        data: {"actor": "ChatRoom", "subject": "ws"},
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  private sessions = new Map<WebSocket, string>();
  async webSocketClose(ws: WebSocket, code: number) {
    ws.close();
    this.sessions.delete(ws);
    console.log('closed', ws, code);
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number) {}
}
`,
    output: null,
    errors: [
      {
        messageId: "closeNotCalled",
        data: {"actor": "ChatRoom", "subject": "ws"},
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 23,
        suggestions: [
          {
            messageId: "closeSocket",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number) {
    ws.close();
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number) {
    // the client is gone
    console.log(code);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "closeNotCalled",
        data: {"actor": "ChatRoom", "subject": "ws"},
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 23,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  private sessions = new Map<WebSocket, { name: string }>();
  async webSocketMessage(ws: WebSocket, message: string) {
    this.sessions.set(ws, { name: message });
  }
  webSocketClose(ws: WebSocket) { ws.close(); }
}
`,
    output: null,
    errors: [
      {
        messageId: "socketStateInMemory",
        data: {"actor": "ChatRoom", "subject": "sessions"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 45,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  private sessions = new Map<WebSocket, { joined: number }>();
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.sessions.set(server, { joined: Date.now() });
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "socketStateInMemory",
        data: {"actor": "ChatRoom", "subject": "sessions"},
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 54,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Connection { id: string; addEventListener(type: string, fn: (e: MessageEvent) => void): void; send(d: string): void }
export default class Room {
  static options = { hibernate: true };
  onConnect(conn: Connection) {
    conn.addEventListener('message', (event) => conn.send(String(event.data)));
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject": "conn.addEventListener('message', …)", "actor": "Room", "selectedBy": "`hibernate: true`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 79,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Connection { id: string; onclose: (() => void) | null }
export default class Room {
  readonly options = { hibernate: true } as const;
  onConnect(connection: Connection) {
    connection.onclose = () => console.log('left');
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "partyKitListener",
        data: {"subject": "connection.onclose = …", "actor": "Room", "selectedBy": "`hibernate: true`"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 51,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class Actor {}
export class SessionActor extends Actor {
  private pending: Buffer[] = [];
  receive(chunk: Buffer) {
    this.pending.push(chunk);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler": "SessionActor.receive", "what": "buffers", "subject": "pending", "actor": "SessionActor"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 29,
        suggestions: [],
      },
    ],
  },
  {
    code: `import * as net from 'node:net';
declare class Actor {}
export class LineActor extends Actor {
  private text = '';
  receive(msg: { data: Buffer }) {
    this.text += msg.data.toString('utf8');
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler": "LineActor.receive", "what": "strings", "subject": "text", "actor": "LineActor"},
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 43,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class Actor {}
export class FrameActor extends Actor {
  private buffered = Buffer.alloc(0);
  onMessage(chunk: Buffer) {
    this.buffered = Buffer.concat([this.buffered, chunk]);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler": "FrameActor.onMessage", "what": "buffers", "subject": "buffered", "actor": "FrameActor"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 58,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept(1, 2);
    (server as any).accept();
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "acceptedSocket",
        data: {"subject": "server", "actor": "ChatRoom", "detail": "`webSocketMessage`, `webSocketClose`, `webSocketError`"},
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 29,
        suggestions: [
          {
            messageId: "acceptWithHibernation",
            output: `declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept(1, 2);
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101 });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as net from 'node:net';
declare class Actor {}
export class TextActor extends Actor {
  private text = '';
  attach(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.text = this.text + chunk.toString();
    });
  }
  receive(line: string) {}
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler": "TextActor.attach", "what": "strings", "subject": "text", "actor": "TextActor"},
        line: 7,
        column: 7,
        endLine: 7,
        endColumn: 47,
        suggestions: [],
      },
    ],
  },
    ],
  },
  {
    valid: [

    ],
    invalid: [
  {
    code: `declare global { interface Response { readonly webSocket: WebSocket | null } }
declare class DurableObject { ctx: { acceptWebSocket(ws: WebSocket): void; storage: { setAlarm(t: number): Promise<void> } }; constructor(ctx: unknown, env: unknown); }
declare class WebSocketPair { 0: WebSocket; 1: WebSocket }
export class Bridge extends DurableObject {
  private peer: WebSocket | null = null;
  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('x-dial')) {
      this.peer = (await fetch(request.url, { headers: { Upgrade: 'websocket' } })).webSocket;
      return new Response('dialled');
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.peer = server;
    this.peer.addEventListener('message', () => {});
    return new Response(null, { status: 101 });
  }
}
`,
    output: null,
    errors: [
      {
        messageId: "socketListener",
        data: {"subject": "this.peer", "actor": "Bridge", "events": "'message'", "handlerMethods": "`webSocketMessage`"},
        line: 14,
        column: 5,
        endLine: 14,
        endColumn: 52,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class Agent {}
export class Transcript extends Agent {
  private log = new Map<string, string>();
  onMessage(msg: { id: string; text: string }) {
    this.log.set(msg.id, msg.text as string);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler": "Transcript.onMessage", "what": "strings", "subject": "log", "actor": "Transcript"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 45,
        suggestions: [],
      },
    ],
  },
  {
    code: `declare class Actor {}
export class SessionActor extends Actor {
  private pending: Uint8Array[] = [];
  receive(msg: { frame: Uint8Array }) {
    this.pending.push(msg.frame satisfies Uint8Array);
  }
}
`,
    options: [{"checks": {"durableObjects": true, "partyKit": true, "actorBuffers": true}}],
    output: null,
    errors: [
      {
        messageId: "unreleasedBuffer",
        data: {"handler": "SessionActor.receive", "what": "buffers", "subject": "pending", "actor": "SessionActor"},
        line: 5,
        column: 5,
        endLine: 5,
        endColumn: 54,
        suggestions: [],
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

// PartyServer's `webSocketClose` tests the socket, wraps it (`createLazyConnection(ws)`) and hands the wrapper
// to an overridable hook whose default is empty: a test or making a wrapper closes nothing, so the hook is followed.
describe('a socket wrapped before it is handed on', () => {
  const server = (hook: string) => `import { DurableObject } from 'cloudflare:workers';
import { createLazyConnection, isPartyServerWebSocket, type Connection } from './connection';
export class Server extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {
    if (!isPartyServerWebSocket(ws)) return;
    const connection = createLazyConnection(ws);
    return this.onClose(connection, code, reason, wasClean);
  }
  onClose(connection: Connection, code: number, reason: string, wasClean: boolean): void | Promise<void> {${hook}}
}
`;
  const options = [{ checks: { durableObjects: true, partyKit: true, actorBuffers: true } }] as [{ checks: { durableObjects: boolean; partyKit: boolean; actorBuffers: boolean } }];
  runRuleTests(
    'require-hibernation',
    rule,
    {
      valid: [
        // The default hook closes the wrapper.
        { code: server('\n    connection.close(code, reason);\n  '), options },
        // A wrapper made by code not named as making one may close the socket itself.
        { code: server('').replace(/createLazyConnection/g, 'finishSession'), options },
      ],
      invalid: [
        {
          code: server(''),
          options,
          output: null,
          errors: [
            {
              messageId: 'closeHandedOff',
              data: { actor: 'Server', subject: 'ws', via: 'onClose' },
              line: 4,
              column: 9,
              endLine: 4,
              endColumn: 23,
              suggestions: [
                {
                  messageId: 'closeSocket',
                  data: { subject: 'ws' },
                  output: server('').replace('    if (!isPartyServerWebSocket(ws)) return;', '    ws.close();\n    if (!isPartyServerWebSocket(ws)) return;'),
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
