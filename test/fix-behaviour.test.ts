import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import plugin from '../src/index';
import { TYPED_FILENAME } from './helpers/rule-tester';

// `--fix` may change memory only. Each program below is linted with every rule, its autofixes applied
// (as `eslint --fix` and `leakproof --fix` do), and the original and the fixed program are run side by
// side: their output must be the same. Lines starting with `MEM ` report memory (what a fix is for) and
// are compared separately: a fix must make them smaller or leave them, never change the rest.

interface Program {
  name: string;
  /** TypeScript programs are linted with types and transpiled to run. */
  typescript?: boolean;
  code: string;
  /** The rule ids that must report on the original (the program is a real case of each). */
  reports: string[];
  /** True when at least one autofix must apply; false when none may. */
  fixes: boolean;
}

const PROGRAMS: Program[] = [
  {
    // An object-mode stream's rows are arrays: `row.slice` is Array#slice, a copy. A fix that assumed a
    // Buffer would call `Uint8Array.prototype.slice` on an array and throw.
    name: 'object-mode stream',
    code: `const { Readable } = require('node:stream');
const kept = [];
const rows = new Readable({ objectMode: true, read() {} });
rows.on('data', (row) => { kept.push(row.slice(0, 2)); });
rows.on('end', () => console.log(JSON.stringify(kept)));
rows.push(['a', 'b', 'c']);
rows.push(['d', 'e', 'f']);
rows.push(null);
`,
    // The stream is made here in object mode: its rows are not bytes, and nothing is reported.
    reports: [],
    fixes: false,
  },
  {
    name: 'EventEmitter with strings',
    code: `const { EventEmitter } = require('node:events');
const bus = new EventEmitter();
const heads = [];
bus.on('data', (line) => { heads.push(line.slice(0, 3)); });
bus.emit('data', 'hello world');
bus.emit('data', 'goodbye');
console.log(heads.join(','));
`,
    // Every emit of 'data' in the file passes a string: nothing is reported.
    reports: [],
    fixes: false,
  },
  {
    // ws with binaryType 'arraybuffer' delivers ArrayBuffers, whose slice is a copy.
    name: 'ArrayBuffer messages',
    code: `const { EventEmitter } = require('node:events');
const ws = new EventEmitter();
ws.binaryType = 'arraybuffer';
const kept = [];
ws.on('message', (data) => { kept.push(data.slice(0, 2)); });
ws.emit('message', new Uint8Array([1, 2, 3, 4]).buffer);
console.log(kept.map((ab) => ab.constructor.name + ':' + new Uint8Array(ab).join('.')).join(' '));
`,
    reports: [],
    fixes: false,
  },
  {
    // A proven socket chunk: the copy is applied, and the kept bytes no longer pin the chunk.
    name: 'socket chunk copied',
    code: `const net = require('node:net');
const heads = [];
const server = net.createServer((socket) => {
  socket.on('data', (chunk) => {
    heads.push(chunk.subarray(0, 4));
    socket.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1', () => client.write(Buffer.alloc(4096, 'abcd')));
  client.on('close', () => {
    server.close();
    console.log(heads.map((head) => head.toString() + ':' + Buffer.isBuffer(head)).join(','));
    console.log('MEM ' + heads.reduce((sum, head) => sum + head.buffer.byteLength, 0));
  });
});
`,
    reports: ['leakproof/no-retained-view'],
    fixes: true,
  },
  {
    // The chunk is decoded into the same variable before it is cut: from there on it is a string, and
    // `Uint8Array.prototype.slice.call` on it would throw.
    name: 'chunk reassigned to text',
    code: `const net = require('node:net');
const heads = [];
const server = net.createServer((socket) => {
  socket.on('data', (chunk) => {
    chunk = chunk.toString('utf8');
    heads.push(chunk.slice(0, 40));
    socket.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1', () => client.write('abcdefgh'.repeat(8)));
  client.on('close', () => {
    server.close();
    console.log(heads.join(','));
  });
});
`,
    reports: ['leakproof/no-retained-substring'],
    fixes: false,
  },
  {
    // A Buffer held in a parameter typed Uint8Array: its own slice would be Buffer#slice, still a view.
    name: 'Buffer typed as Uint8Array',
    typescript: true,
    code: `import { EventEmitter } from 'node:events';
const socket = new EventEmitter();
const kept: Uint8Array[] = [];
socket.on('data', (chunk: Uint8Array) => {
  kept.push(chunk.subarray(0, 4));
});
socket.emit('data', Buffer.from('abcdefgh'.repeat(64)));
console.log(kept.map((k) => Buffer.from(k).toString() + ':' + Buffer.isBuffer(k)).join(','));
console.log('MEM ' + kept.reduce((sum, k) => sum + k.buffer.byteLength, 0));
`,
    reports: ['leakproof/no-retained-view'],
    fixes: true,
  },
  {
    // The chunk is written after the view is made, by a helper of this file (as a WebSocket unmask
    // is): the kept view sees the write, an exact copy made before it would not.
    name: 'parent written by a helper',
    code: `const net = require('node:net');
const heads = [];
function scrub(bytes) {
  bytes.fill(48);
}
const server = net.createServer((socket) => {
  socket.on('data', (chunk) => {
    heads.push(chunk.subarray(0, 4));
    scrub(chunk);
    socket.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1', () => client.write('abcdefgh'));
  client.on('close', () => {
    server.close();
    console.log(heads.map((head) => head.toString()).join(','));
  });
});
`,
    reports: ['leakproof/no-retained-view'],
    fixes: false,
  },
  {
    // @types/node types a 'data' chunk Buffer even after `setEncoding`: the chunks are strings, and
    // `Uint8Array.prototype.slice.call` on one would throw.
    name: 'socket with an encoding, typed',
    typescript: true,
    code: `import * as net from 'node:net';
const nicks: string[] = [];
const server = net.createServer((socket) => {
  socket.setEncoding('utf8');
  socket.on('data', (text) => {
    nicks.push(text.slice(5));
    socket.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as net.AddressInfo;
  const client = net.connect(address.port, '127.0.0.1', () => client.write('NICK someone-with-a-long-name'));
  client.on('close', () => {
    server.close();
    console.log(nicks.join(','));
  });
});
`,
    reports: ['leakproof/no-retained-substring'],
    fixes: false,
  },
  {
    // One byte in: a Float32Array over `chunk.buffer` at `chunk.byteOffset` would throw a RangeError.
    name: 'unaligned typed array',
    code: `const whole = Buffer.alloc(64);
const chunk = whole.subarray(1, 9);
let decoded;
try {
  decoded = new Float32Array(chunk.buffer).length;
} catch (error) {
  decoded = error.name;
}
console.log(decoded);
`,
    reports: ['leakproof/no-backing-buffer-escape'],
    fixes: false,
  },
  {
    // A feature-detect guard chooses each method on purpose; rewriting one into the other makes them equal.
    name: 'feature-detect guard',
    code: `const data = Buffer.from('abcdefgh');
const head = typeof data.subarray === 'function' ? data.subarray(0, 3) : data.slice(0, 3);
console.log(head.toString());
`,
    reports: [],
    fixes: false,
  },
  {
    // Buffer#slice on a proven Buffer: renaming to subarray is the same view under its own name.
    name: 'Buffer#slice renamed',
    code: `const data = Buffer.from('hello world');
const head = data.slice(0, 5);
head[0] = 72;
console.log(head.toString(), data.toString());
`,
    reports: ['leakproof/no-buffer-slice'],
    fixes: true,
  },
];

const ALL_RULES = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`leakproof/${name}`, 'error' as const]));

function lintConfig(typescript: boolean): Linter.Config[] {
  return [
    {
      files: ['**/*.ts', '**/*.js'],
      plugins: { leakproof: plugin as never },
      rules: ALL_RULES,
      languageOptions: typescript
        ? {
            parser: tsParser,
            parserOptions: {
              projectService: { allowDefaultProject: ['*.js'], defaultProject: 'tsconfig.json' },
              tsconfigRootDir: path.dirname(TYPED_FILENAME),
            },
          }
        : { parser: tsParser, sourceType: 'commonjs' },
    },
  ];
}

function run(dir: string, name: string, code: string, typescript: boolean): { out: string[]; mem: string[]; status: number | null } {
  const js = typescript
    ? ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText
    : code;
  const file = path.join(dir, `${name}.cjs`);
  fs.writeFileSync(file, js);
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
  const lines = (child.stdout + (child.stderr ? `STDERR ${child.stderr.split('\n')[0]}` : '')).split('\n').filter(Boolean);
  return {
    out: lines.filter((line) => !line.startsWith('MEM ')),
    mem: lines.filter((line) => line.startsWith('MEM ')),
    status: child.status,
  };
}

describe('autofixes change memory only: fixed programs behave as before', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-fix-behaviour-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(PROGRAMS.map((program) => [program.name, program] as const))('%s', (_name, program) => {
    const linter = new Linter({ configType: 'flat', cwd: program.typescript ? path.dirname(TYPED_FILENAME) : dir });
    const filename = program.typescript ? TYPED_FILENAME : path.join(dir, 'program.js');
    const config = lintConfig(!!program.typescript);
    const messages = linter.verify(program.code, config, { filename });
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const reported = [...new Set(messages.map((message) => message.ruleId))];
    for (const rule of program.reports) expect(reported).toContain(rule);
    const fixed = linter.verifyAndFix(program.code, config, { filename });
    expect(fixed.fixed).toBe(program.fixes);
    // Whatever was fixed still parses and a second pass has nothing more to fix.
    expect(linter.verifyAndFix(fixed.output, config, { filename }).fixed).toBe(false);

    const slug = program.name.replace(/\W+/g, '-');
    const before = run(dir, `${slug}-before`, program.code, !!program.typescript);
    const after = run(dir, `${slug}-after`, fixed.output, !!program.typescript);
    expect(before.status).toBe(0);
    expect(after.out).toEqual(before.out);
    expect(after.status).toBe(before.status);
    if (program.fixes && before.mem.length > 0) {
      const bytes = (lines: string[]) => lines.map((line) => Number(line.slice(4)));
      // The fix is for memory: what the kept values pin shrinks.
      bytes(after.mem).forEach((value, index) => expect(value).toBeLessThan(bytes(before.mem)[index]!));
    }
  });
});

// Suggestions are applied by a person, one by one, but they too must change memory only. The pooled-Buffer
// suggestions of no-retained-view (a small Buffer from the shared pool kept in a table) are applied all
// at once here, and the program run before and after: same output, and the kept Buffers pin less.
describe('pooled-Buffer suggestions change memory only', () => {
  const POOLED = `const table = new Map();
function remember(key, text) {
  table.set(key, Buffer.from(text));
}
function reserve(key) {
  const out = Buffer.allocUnsafe(16);
  out.fill(key.length);
  table.set(key + '!', out);
}
function join(key, a, b) {
  table.set(key + '+', Buffer.concat([Buffer.from(a), Buffer.from(b)]));
}
for (let i = 0; i < 50; i++) {
  remember('k' + i, 'value ' + i);
  reserve('r' + i);
  join('j' + i, 'left', String(i));
}
console.log([...table.values()].map((b) => b.toString('hex') + ':' + Buffer.isBuffer(b) + ':' + b.length).join(','));
console.log('MEM ' + [...table.values()].reduce((sum, b) => sum + b.buffer.byteLength, 0));
`;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pooled-behaviour-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['JavaScript, untyped', false],
    ['TypeScript, typed', true],
  ])('%s', (_name, typescript) => {
    const code = typescript ? POOLED.replace('const table = new Map();', 'const table = new Map<string, Buffer>();').replace(/\((key, text)\)/, '(key: string, text: string)').replace('(key) {', '(key: string) {').replace('(key, a, b)', '(key: string, a: string, b: string)') : POOLED;
    const linter = new Linter({ configType: 'flat', cwd: typescript ? path.dirname(TYPED_FILENAME) : dir });
    const filename = typescript ? TYPED_FILENAME : path.join(dir, 'program.js');
    const messages = linter.verify(code, lintConfig(typescript), { filename });
    const pooled = messages.filter((message) => message.messageId === 'keptPooled');
    expect(pooled.map((message) => [message.line, message.column])).toEqual([
      [3, 18],
      [6, 15],
      [11, 24],
    ]);
    // No autofix: whether a slab is pinned depends on sizes and traffic.
    expect(pooled.every((message) => message.fix === undefined && message.suggestions?.length === 1)).toBe(true);
    let fixed = code;
    for (const { fix } of pooled.map((message) => message.suggestions![0]!).sort((a, b) => b.fix.range[0] - a.fix.range[0])) {
      fixed = fixed.slice(0, fix.range[0]) + fix.text + fixed.slice(fix.range[1]);
    }
    expect(linter.verify(fixed, lintConfig(typescript), { filename }).filter((message) => message.fatal || message.messageId === 'keptPooled')).toEqual([]);
    const before = run(dir, `pooled-${typescript ? 'ts' : 'js'}-before`, code, typescript);
    const after = run(dir, `pooled-${typescript ? 'ts' : 'js'}-after`, fixed, typescript);
    expect(before.status).toBe(0);
    expect(after.out).toEqual(before.out);
    expect(after.status).toBe(0);
    const bytes = (lines: string[]) => lines.map((line) => Number(line.slice(4)));
    expect(bytes(after.mem)[0]).toBeLessThan(bytes(before.mem)[0]! / 100);
  });
});
