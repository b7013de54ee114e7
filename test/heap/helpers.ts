import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/io';
import { compileTypeScriptDir } from '../runtime/helpers';

const PROGRAMS = path.join(__dirname, 'programs');

/** A fresh temporary directory; call the returned cleanup in afterAll. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-heap-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs test/heap/programs/<name>.js in a child process, which writes a real snapshot; returns its path. */
export function writeSnapshot(name: string, dir: string): string {
  const out = path.join(dir, `${name}.heapsnapshot`);
  const result = spawnSync(process.execPath, [path.join(PROGRAMS, `${name}.js`), out], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`${name}.js failed (${result.status}): ${result.stderr}`);
  }
  return out;
}

export interface BufferIO extends CliIO {
  out: string;
  err: string;
}

export function bufferIO(cwd: string, isTTY = false): BufferIO {
  const io: BufferIO = {
    out: '',
    err: '',
    cwd,
    isTTY,
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}

/** A small hand-written snapshot in V8's format (Node 20's meta), for reader edge cases. */
export function tinySnapshot(): string {
  const strings = [
    '', // 0
    '(GC roots)', // 1
    'global', // 2
    'keep', // 3
    'Uint8Array', // 4
    'buffer', // 5
    'ArrayBuffer', // 6
    'backing_store', // 7
    'system / JSArrayBufferData', // 8
    'piece', // 9
    '(sliced string)', // 10
    'parent', // 11
    'caf\u00e9 "quoted" \\ line\nnext \ud83d\ude00', // 12: a long parent string's name, with escapes
    'H\u00f6lder', // 13: written as raw UTF-8 below
    'holder', // 14
  ];
  // type, name, id, self_size, edge_count, trace_node_id, detachedness
  const nodes = [
    [9, 0, 1, 0, 2, 0, 0], // 0 synthetic root
    [9, 1, 3, 0, 0, 0, 0], // 1 (GC roots)
    [3, 2, 5, 40, 2, 0, 0], // 2 global
    [3, 13, 7, 32, 1, 0, 0], // 3 Holder
    [3, 4, 9, 96, 1, 0, 0], // 4 Uint8Array
    [3, 6, 11, 88, 1, 0, 0], // 5 ArrayBuffer
    [8, 8, 13, 100000, 0, 0, 0], // 6 backing store
    [11, 10, 15, 32, 1, 0, 0], // 7 sliced string
    [2, 12, 17, 50000, 0, 0, 0], // 8 parent string
  ];
  const NF = 7;
  // type, name_or_index, to_node (field offset)
  const edges = [
    [1, 1, 1 * NF], // root -element 1-> (GC roots)
    [5, 2, 2 * NF], // root -shortcut-> global
    [2, 14, 3 * NF], // global.holder -> Holder
    [2, 9, 7 * NF], // global.piece -> sliced string
    [2, 3, 4 * NF], // Holder.keep -> Uint8Array
    [3, 5, 5 * NF], // Uint8Array -buffer-> ArrayBuffer
    [3, 7, 6 * NF], // ArrayBuffer -backing_store-> native
    [3, 11, 8 * NF], // sliced string -parent-> string
  ];
  const meta = {
    node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
    node_types: [
      ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'],
      'string', 'number', 'number', 'number', 'number', 'number',
    ],
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
    trace_function_info_fields: [],
    trace_node_fields: [],
    sample_fields: [],
    location_fields: [],
  };
  return (
    `{"snapshot":${JSON.stringify({ meta, node_count: nodes.length, edge_count: edges.length, trace_function_count: 0 })},\n` +
    `"nodes":[${nodes.map((n) => n.join(',')).join('\n,')}],\n` +
    `"edges":[${edges.map((e) => e.join(',')).join('\n,')}],\n` +
    `"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n` +
    `"strings":[${strings.map((s, i) => (i === 12 ? asciiJson(s) : JSON.stringify(s))).join(',\n')}]}`
  );
}

/** JSON with every non-ASCII character as a \\u escape, as V8's snapshot writer does. */
function asciiJson(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Compiles fixtures/<scenario>/*.ts to CommonJS in `dir` (swc, types stripped), so a child process can
 * run the scenario's leaky and fixed actors. Returns `dir`.
 */
export function compileFixture(scenario: string, dir: string): string {
  compileTypeScriptDir(path.join(__dirname, '..', '..', 'fixtures', scenario), dir);
  return dir;
}

/** Runs `node <script> ...args` and fails with its stderr when it does not exit 0. */
export function runNode(script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${path.basename(script)} exited ${result.status}: ${result.stderr}`);
}
