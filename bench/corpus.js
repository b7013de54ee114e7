'use strict';
// Generates the lint benchmark's corpus: realistic, deterministic TypeScript files of message-driven code
// (socket frame parsers, worker routers, WebSocket sessions, Durable-Object-like classes, line parsers,
// Transform streams) mixed with plain business code, into bench/.work/corpus/. A minority of files
// contain leaks (views or sliced strings of incoming data kept past the handler); manifest.json records
// how many each file was generated with, so the lint bench can print recall and findings in clean files.
//
// Usage: node bench/corpus.js [--files N] [--force]   (as a module: ensureCorpus({ files, force }))

const fs = require('node:fs');
const path = require('node:path');

/** Bump when the generated text changes: an existing corpus is reused only if its version matches. */
const GENERATOR_VERSION = 3;
const DEFAULT_FILES = 2000;
const SEED = 0x1eaf;
const CORPUS_DIR = path.join(__dirname, '.work', 'corpus');

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
}

const NOUNS = [
  'order', 'invoice', 'device', 'sensor', 'ticket', 'session', 'tenant', 'account', 'shipment', 'route',
  'quote', 'trade', 'metric', 'frame', 'packet', 'job', 'task', 'room', 'player', 'channel', 'stream',
  'record', 'entry', 'batch', 'report', 'customer', 'product', 'payment', 'ledger', 'alert', 'probe',
];
const ADJECTIVES = ['pending', 'active', 'recent', 'stale', 'primary', 'remote', 'local', 'cached', 'raw', 'last'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** Per-file name source: unique identifiers so that sections never collide within a file. */
class Names {
  constructor(rng) {
    this.rng = rng;
    this.used = new Set();
  }
  noun() {
    return this.rng.pick(NOUNS);
  }
  unique(base) {
    let name = base;
    let n = 2;
    while (this.used.has(name)) name = `${base}${n++}`;
    this.used.add(name);
    return name;
  }
  className(suffix) {
    return this.unique(cap(this.noun()) + suffix);
  }
  fn(verb) {
    return this.unique(verb + cap(this.noun()) + (this.rng.chance(0.5) ? cap(this.rng.pick(ADJECTIVES)) : ''));
  }
  field(base) {
    return this.unique(this.rng.pick(ADJECTIVES) + cap(base));
  }
}

// ---------------------------------------------------------------------------------------------------
// Sections: each returns { code, imports: [module specifiers with names], leaks: [{ kind }] }.
// `leaky` asks for one leak of the section's natural kind; otherwise the section handles data correctly.

function socketFrameParser(rng, names, leaky) {
  const cls = names.className('Connection');
  const frames = names.field('frames');
  const header = rng.pick([4, 8, 16]);
  const leakStyle = rng.int(0, 2);
  let store;
  if (!leaky) {
    store = rng.pick([
      `      const frame = Buffer.allocUnsafeSlow(length);\n      this.pending.copy(frame, 0, ${header}, ${header} + length);\n      this.${frames}.push(frame);`,
      `      this.handleFrame(this.pending.subarray(${header}, ${header} + length));`,
      `      this.${frames}.push(Uint8Array.prototype.slice.call(this.pending, ${header}, ${header} + length) as Buffer);`,
    ]);
  } else if (leakStyle === 0) {
    store = `      this.${frames}.push(this.pending.subarray(${header}, ${header} + length));`;
  } else if (leakStyle === 1) {
    store = `      const body = this.pending.subarray(${header}, ${header} + length);\n      this.${frames}.push(body);`;
  } else {
    store = `      this.${frames}.push(this.pending.slice(${header}, ${header} + length));`;
  }
  const code = `
export class ${cls} {
  private pending: Buffer = Buffer.alloc(0);
  private readonly ${frames}: Buffer[] = [];
  private checksum = 0;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.${frames}.splice(0, this.${frames}.length));
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= ${header}) {
      const length = this.pending.readUInt32BE(0);
      if (this.pending.length < ${header} + length) break;
${store}
      this.pending = this.pending.subarray(${header} + length);
    }
    if (this.pending.length === 0) this.pending = Buffer.alloc(0);
  }

  private handleFrame(frame: Buffer): void {
    let sum = 0;
    for (let i = 0; i < frame.length; i++) sum = (sum + frame[i]!) & 0xffff;
    this.checksum ^= sum;
    if (frame.length > 0 && frame[0] === 0xff) this.socket.write(Buffer.from([0xfe]));
  }

  drain(): Buffer[] {
    return this.${frames}.splice(0, this.${frames}.length);
  }

  get digest(): number {
    return this.checksum;
  }
}
`;
  return { code, imports: ["import * as net from 'node:net';"], leaks: leaky ? [{ kind: 'view' }] : [] };
}

function workerRouter(rng, names, leaky) {
  const cache = names.unique(rng.pick(['payloadCache', 'recentPayloads', 'lastFrames', 'headerIndex']));
  const msgType = names.className('Message');
  const len = rng.pick([16, 32, 64]);
  const store = leaky
    ? rng.pick([
        `    ${cache}.set(msg.key, msg.payload.subarray(0, ${len}));`,
        `    const head = msg.payload.subarray(0, ${len});\n    ${cache}.set(msg.key, head);`,
      ])
    : rng.pick([
        `    ${cache}.set(msg.key, msg.payload.slice(0, ${len}));`,
        `    ${cache}.set(msg.key, new Uint8Array(msg.payload.subarray(0, ${len})));`,
      ]);
  const code = `
interface ${msgType} {
  kind: 'store' | 'sum' | 'drop';
  key: string;
  payload: Uint8Array;
}

const ${cache} = new Map<string, Uint8Array>();

parentPort?.on('message', (msg: ${msgType}) => {
  if (msg.kind === 'store') {
${store}
    parentPort?.postMessage({ key: msg.key, stored: true });
  } else if (msg.kind === 'sum') {
    let total = 0;
    const view = msg.payload.subarray(0, Math.min(msg.payload.length, ${len * 4}));
    for (const byte of view) total += byte;
    parentPort?.postMessage({ key: msg.key, total });
  } else {
    ${cache}.delete(msg.key);
  }
});
`;
  return { code, imports: ["import { parentPort } from 'node:worker_threads';"], leaks: leaky ? [{ kind: 'view' }] : [] };
}

function webSocketSession(rng, names, leaky) {
  const cls = names.className('Session');
  const token = names.field('token');
  const topics = names.field('topics');
  const kind = leaky ? rng.pick(['view', 'substring']) : null;
  const onBinary =
    kind === 'view'
      ? `      this.${token} = data.subarray(1, 17);`
      : `      this.${token} = Buffer.from(Uint8Array.prototype.slice.call(data, 1, 17));`;
  const onText =
    kind === 'substring'
      ? `      this.${topics}.add(text.slice(6));`
      : `      this.${topics}.add(text.slice(6).toLowerCase() === 'all' ? 'all' : text.length > 70 ? 'long' : 'short');`;
  const code = `
export class ${cls} {
  private ${token}: Buffer | null = null;
  private readonly ${topics} = new Set<string>();
  private lastSeen = Date.now();

  constructor(private readonly ws: EventEmitter, readonly id: string) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.lastSeen = Date.now();
      if (isBinary) {
        if (data[0] === 0x01) {
${onBinary}
        }
        return;
      }
      const text = data.toString('utf8');
      if (text.startsWith('topic:')) {
${onText}
      }
    });
    ws.on('close', () => this.${topics}.clear());
  }

  get idleMs(): number {
    return Date.now() - this.lastSeen;
  }

  hasToken(): boolean {
    return this.${token} !== null;
  }
}
`;
  return { code, imports: ["import { EventEmitter } from 'node:events';"], leaks: kind ? [{ kind }] : [] };
}

function durableObject(rng, names, leaky) {
  const cls = names.className('Room');
  const history = names.field('history');
  const kind = leaky ? rng.pick(['view', 'substring']) : null;
  const binary =
    kind === 'view'
      ? `      this.${history}.push(new Uint8Array(message, 0, Math.min(64, message.byteLength)));`
      : `      this.${history}.push(new Uint8Array(message.slice(0, Math.min(64, message.byteLength))));`;
  const text =
    kind === 'substring'
      ? `      this.nicknames.set(ws, message.substring(5));`
      : `      this.nicknames.set(ws, message.length > 5 ? 'guest-' + message.length : 'guest');`;
  const declare = !names.used.has('DurableObjectState');
  names.used.add('DurableObjectState');
  const declarations = !declare ? '' : `
export interface DurableObjectState {
  acceptWebSocket(ws: WebSocketLike, tags?: string[]): void;
  getWebSockets(tag?: string): WebSocketLike[];
  storage: { get<T>(key: string): Promise<T | undefined>; put<T>(key: string, value: T): Promise<void> };
}

export interface WebSocketLike {
  send(message: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
}
`;
  const code = `${declarations}
export class ${cls} {
  private readonly ${history}: Uint8Array[] = [];
  private readonly nicknames = new Map<WebSocketLike, string>();

  constructor(private readonly state: DurableObjectState, private readonly env: Record<string, string>) {}

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/count')) return new Response(String(this.${history}.length));
    return new Response('room ' + (this.env['ROOM_NAME'] ?? 'default'));
  }

  async webSocketMessage(ws: WebSocketLike, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== 'string') {
${binary}
      return;
    }
    if (message.startsWith('nick:')) {
${text}
    }
    for (const peer of this.state.getWebSockets()) if (peer !== ws) peer.send(message);
  }

  async webSocketClose(ws: WebSocketLike): Promise<void> {
    this.nicknames.delete(ws);
    ws.close(1000, 'bye');
  }
}
`;
  return { code, imports: [], leaks: kind ? [{ kind }] : [] };
}

function lineParser(rng, names, leaky) {
  const index = names.unique(rng.pick(['customerIndex', 'skuNames', 'lastStatus', 'regionByCode']));
  const fn = names.fn('index');
  const style = rng.int(0, 1);
  const col = rng.pick([12, 16, 20, 24]);
  const store = leaky
    ? rng.pick([`    ${index}.set(key, line.slice(${col}));`, `    ${index}.set(key, rest.trim());`])
    : rng.pick([
        `    ${index}.set(key, (' ' + line.slice(${col})).slice(1));`,
        `    ${index}.set(key, String(line.length - ${col}));`,
      ]);
  const body = `
    const key = line.slice(0, 8);
    const rest = line.slice(${col});
    if (rest.length === 0) return;
${store}
    rows++;`;
  const code =
    style === 0
      ? `
const ${index} = new Map<string, string>();

export function ${fn}(file: string): Promise<number> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let rows = 0;
  rl.on('line', (line: string) => {${body}
  });
  return new Promise((resolve) => rl.on('close', () => resolve(rows)));
}
`
      : `
const ${index} = new Map<string, string>();

export async function ${fn}(file: string): Promise<number> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let rows = 0;
  rl.on('line', (line: string) => {${body}
  });
  await new Promise<void>((resolve) => rl.once('close', () => resolve()));
  return rows;
}
`;
  return {
    code,
    imports: ["import * as fs from 'node:fs';", "import * as readline from 'node:readline';"],
    leaks: leaky ? [{ kind: 'substring' }] : [],
  };
}

function transformStream(rng, names, leaky) {
  const cls = names.className('Splitter');
  const headers = names.field('headers');
  const store = leaky
    ? `      this.${headers}.push(chunk.subarray(0, 8));`
    : `      this.${headers}.push(chunk.readUInt32BE(0));`;
  const code = `
export class ${cls} extends Transform {
  private readonly ${headers}: ${leaky ? 'Buffer' : 'number'}[] = [];
  private bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (chunk.length >= 8) {
${store}
    }
    this.push(chunk.subarray(chunk.length >= 8 ? 8 : 0));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.push(Buffer.from(String(this.bytes)));
    callback();
  }

  get count(): number {
    return this.${headers}.length;
  }
}
`;
  return { code, imports: ["import { Transform, type TransformCallback } from 'node:stream';"], leaks: leaky ? [{ kind: 'view' }] : [] };
}

const MESSAGE_SECTIONS = [socketFrameParser, workerRouter, webSocketSession, durableObject, lineParser, transformStream];

// Plain business code: arrays, strings, Maps, sliced and cached, with no handlers: never a finding.
function businessCode(rng, names) {
  const n = names.noun();
  const N = cap(n);
  const variant = rng.int(0, 7);
  const fn = names.fn(rng.pick(['format', 'summarize', 'group', 'normalize', 'page', 'rank', 'merge']));
  const T = names.unique(N + 'Row');
  const head = `
export interface ${T} {
  id: string;
  name: string;
  amount: number;
  tags: string[];
  createdAt: string;
}
`;
  switch (variant) {
    case 0: {
      const cache = names.unique(n + 'Labels');
      return `${head}
const ${cache} = new Map<string, string>();

export function ${fn}(rows: ${T}[], width = 24): string[] {
  const out: string[] = [];
  for (const row of rows) {
    let label = ${cache}.get(row.id);
    if (label === undefined) {
      label = row.name.trim().slice(0, width).padEnd(width, ' ');
      ${cache}.set(row.id, label);
    }
    out.push(label + ' ' + row.amount.toFixed(2) + ' ' + row.createdAt.slice(0, 10));
  }
  return out;
}
`;
    }
    case 1:
      return `${head}
export function ${fn}(rows: ${T}[]): Map<string, ${T}[]> {
  const groups = new Map<string, ${T}[]>();
  for (const row of rows) {
    const key = row.tags.length > 0 ? row.tags[0]!.toLowerCase() : 'untagged';
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  for (const [key, list] of groups) groups.set(key, list.slice().sort((a, b) => b.amount - a.amount));
  return groups;
}
`;
    case 2:
      return `${head}
export function ${fn}<R extends ${T}>(rows: readonly R[], page: number, size = 20): { items: R[]; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const start = Math.min(pages - 1, Math.max(0, page)) * size;
  return { items: rows.slice(start, start + size), pages };
}
`;
    case 3: {
      const reg = names.unique(n + 'Registry');
      return `${head}
export class ${cap(reg)} {
  private readonly byId = new Map<string, ${T}>();
  private readonly recent: string[] = [];

  add(row: ${T}): void {
    this.byId.set(row.id, row);
    this.recent.unshift(row.id);
    if (this.recent.length > 50) this.recent.splice(50);
  }

  shortNames(): string[] {
    return this.recent.map((id) => (this.byId.get(id)?.name ?? '').substring(0, 16));
  }

  latest(count: number): ${T}[] {
    return this.recent.slice(0, count).flatMap((id) => {
      const row = this.byId.get(id);
      return row ? [row] : [];
    });
  }

  total(): number {
    let sum = 0;
    for (const row of this.byId.values()) sum += row.amount;
    return Math.round(sum * 100) / 100;
  }
}
`;
    }
    case 4:
      return `${head}
export function ${fn}(csv: string): ${T}[] {
  const rows: ${T}[] = [];
  for (const line of csv.split('\\n').slice(1)) {
    const cells = line.split(',');
    if (cells.length < 4) continue;
    rows.push({
      id: cells[0]!.trim(),
      name: cells[1]!.trim(),
      amount: Number(cells[2]),
      tags: cells[3]!.split(';').filter((tag) => tag.length > 0),
      createdAt: new Date().toISOString(),
    });
  }
  return rows;
}
`;
    case 5:
      return `
export function ${fn}(data: Uint8Array, blockSize = 64): number[] {
  const sums: number[] = [];
  for (let offset = 0; offset < data.length; offset += blockSize) {
    const block = data.subarray(offset, offset + blockSize);
    let sum = 0;
    for (const byte of block) sum = (sum * 31 + byte) >>> 0;
    sums.push(sum);
  }
  return sums;
}

export function ${names.fn('encode')}(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}
`;
    case 6: {
      const memo = names.unique(n + 'Slugs');
      return `
const ${memo} = new Map<string, string>();

export function ${fn}(title: string): string {
  const hit = ${memo}.get(title);
  if (hit !== undefined) return hit;
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  ${memo}.set(title, slug);
  return slug;
}

export function ${names.fn('split')}(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0).map((part) => decodeURIComponent(part));
}
`;
    }
    default:
      return `${head}
export function ${fn}(a: readonly ${T}[], b: readonly ${T}[]): ${T}[] {
  const seen = new Set<string>();
  const merged: ${T}[] = [];
  for (const row of [...a, ...b]) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    merged.push({ ...row, tags: Array.from(new Set(row.tags)).slice(0, 8) });
  }
  return merged.sort((x, y) => x.createdAt.localeCompare(y.createdAt));
}
`;
  }
}

// Shared modules imported by many files, so that the typed program has a realistic import graph.
const COMMON = {
  'common/bytes.ts': `// Byte helpers shared by the corpus.
export function readU16(data: Uint8Array, offset: number): number {
  return ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
}

export function hexOf(data: Uint8Array, max = 16): string {
  let out = '';
  for (const byte of data.subarray(0, max)) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function exactCopy(data: Uint8Array, start = 0, end = data.length): Uint8Array {
  return data.slice(start, end);
}
`,
  'common/text.ts': `// Text helpers shared by the corpus.
export function field(line: string, index: number, separator = ','): string {
  return line.split(separator)[index] ?? '';
}

export function detach(text: string): string {
  return (' ' + text).slice(1);
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, width - 1) + '…';
}
`,
  'common/log.ts': `// A tiny logger shared by the corpus.
export type Level = 'debug' | 'info' | 'warn' | 'error';

const counts = new Map<Level, number>();

export function log(level: Level, message: string): void {
  counts.set(level, (counts.get(level) ?? 0) + 1);
  if (level === 'error') process.stderr.write('[' + level + '] ' + message + '\\n');
}

export function logCounts(): ReadonlyMap<Level, number> {
  return counts;
}
`,
};

function commonUsage(rng, names) {
  const kind = rng.int(0, 2);
  const fn = names.fn('describe');
  if (kind === 0) {
    return {
      code: `
export function ${fn}(data: Uint8Array): string {
  log('debug', 'describing ' + data.length + ' bytes');
  return hexOf(data, 8) + ':' + readU16(data, 0);
}
`,
      imports: ["import { hexOf, readU16 } from '../common/bytes.js';", "import { log } from '../common/log.js';"],
    };
  }
  if (kind === 1) {
    return {
      code: `
export function ${fn}(line: string): string {
  return truncate(field(line, 1), 32);
}
`,
      imports: ["import { field, truncate } from '../common/text.js';"],
    };
  }
  return {
    code: `
export function ${fn}(message: string): void {
  log(message.length > 200 ? 'warn' : 'info', message.slice(0, 200));
}
`,
    imports: ["import { log } from '../common/log.js';"],
  };
}

// ---------------------------------------------------------------------------------------------------

function generateFile(rng) {
  const names = new Names(rng);
  // Sizes between 50 and 400 lines, most of them small, as in real code bases.
  const target = Math.round(50 + 350 * Math.pow(rng.next(), 1.6));
  const messageDriven = rng.chance(0.7);
  const leakyFile = messageDriven && rng.chance(0.3);
  const imports = new Set();
  const parts = [];
  const leaks = [];
  let lines = 2;
  const add = (code) => {
    parts.push(code);
    lines += code.split('\n').length - 1;
  };
  if (messageDriven) {
    const sections = rng.int(1, 3);
    let leakyLeft = leakyFile ? rng.int(1, Math.min(2, sections)) : 0;
    for (let i = 0; i < sections && (i === 0 || lines < target - 30); i++) {
      const section = rng.pick(MESSAGE_SECTIONS)(rng, names, leakyLeft > 0);
      if (leakyLeft > 0) leakyLeft--;
      section.imports.forEach((line) => imports.add(line));
      leaks.push(...section.leaks);
      add(section.code);
    }
  }
  if (rng.chance(0.4)) {
    const usage = commonUsage(rng, names);
    usage.imports.forEach((line) => imports.add(line));
    add(usage.code);
  }
  while (lines < target) add(businessCode(rng, names));
  const header = `// Generated by bench/corpus.js (generator v${GENERATOR_VERSION}); do not edit.\n`;
  const text = header + [...imports].sort().join('\n') + (imports.size ? '\n' : '') + parts.join('');
  return { text, leaks, lines: text.split('\n').length };
}

function tsconfigText() {
  return (
    JSON.stringify(
      {
        compilerOptions: {
          target: 'es2022',
          lib: ['es2022', 'dom'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          // The corpus lives in bench/.work/corpus: @types/node comes from the repository's node_modules.
          typeRoots: ['../../../node_modules/@types'],
        },
        include: ['**/*.ts'],
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * Makes sure the corpus exists with `files` generated files; reuses it when the generator version and
 * file count match. Returns { dir, files: [absolute paths], manifest, reused }.
 */
function ensureCorpus(options = {}) {
  const count = Math.max(1, options.files ?? DEFAULT_FILES);
  const dir = options.dir ?? CORPUS_DIR;
  const manifestPath = path.join(dir, 'manifest.json');
  if (!options.force && fs.existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      const files = Object.keys(manifest.files).map((rel) => path.join(dir, rel));
      if (
        manifest.version === GENERATOR_VERSION &&
        manifest.count === count &&
        files.every((file) => fs.existsSync(file))
      ) {
        return { dir, files, manifest, reused: true };
      }
    } catch {
      // Unreadable manifest: regenerate.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), tsconfigText());
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }, null, 2) + '\n');
  const manifest = { version: GENERATOR_VERSION, count, seed: SEED, files: {} };
  for (const [rel, text] of Object.entries(COMMON)) {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    manifest.files[rel] = { lines: text.split('\n').length, leaks: 0, views: 0, substrings: 0 };
  }
  const rng = new Rng(SEED);
  const perDir = 50;
  for (let i = 0; i < count; i++) {
    const pkg = `pkg${String(Math.floor(i / perDir)).padStart(3, '0')}`;
    const rel = `${pkg}/m${String(i).padStart(5, '0')}.ts`;
    const file = generateFile(rng);
    if (i % perDir === 0) fs.mkdirSync(path.join(dir, pkg), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), file.text);
    manifest.files[rel] = {
      lines: file.lines,
      leaks: file.leaks.length,
      views: file.leaks.filter((leak) => leak.kind === 'view').length,
      substrings: file.leaks.filter((leak) => leak.kind === 'substring').length,
    };
  }
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  const files = Object.keys(manifest.files).map((rel) => path.join(dir, rel));
  return { dir, files, manifest, reused: false };
}

module.exports = { ensureCorpus, GENERATOR_VERSION, CORPUS_DIR };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--files');
  const files = at >= 0 ? Number(args[at + 1]) : undefined;
  const started = Date.now();
  const corpus = ensureCorpus({ files, force: args.includes('--force') });
  const entries = Object.values(corpus.manifest.files);
  const lines = entries.reduce((sum, entry) => sum + entry.lines, 0);
  const leaky = entries.filter((entry) => entry.leaks > 0).length;
  console.log(
    `corpus: ${corpus.files.length} files, ${lines} lines, ${leaky} files with generated leaks, ` +
      `${corpus.reused ? 'reused' : 'generated'} in ${Date.now() - started} ms at ${path.relative(process.cwd(), corpus.dir)}`,
  );
}
