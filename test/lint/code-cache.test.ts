import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The code cache of `--concurrency`'s worker threads (src/lint/code-cache.ts), through the built module
// (`npm test` builds first) in a new process each time: within one process V8 keeps what it compiled and
// would never read an entry, so only another process shows that an entry is used, or refused.
const CODE_CACHE = path.join(__dirname, '..', '..', 'dist', 'src', 'lint', 'code-cache.js');

let work: string;
let cache: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-code-cache-test-'));
  cache = path.join(work, 'cache');
  fs.mkdirSync(cache, { mode: 0o700 });
});

afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs `script` in a new Node process with `cache` (the module) and `dir` defined; what it printed, as JSON. */
function inProcess(script: string): unknown {
  const child = spawnSync(process.execPath, ['-e', `const cache = require(${JSON.stringify(CODE_CACHE)});\nconst dir = ${JSON.stringify(cache)};\n${script}`], { cwd: work, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`exit ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

/**
 * In a new process: compiles `text` as the module at `filename` through the cache, runs it as Node
 * would, writes its entry when one is due; how the cache answered and what the module exported.
 */
function load(filename: string, text: string): { outcome: string; exports: unknown } {
  return inProcess(`
const path = require('node:path');
const filename = ${JSON.stringify(filename)};
const compiled = cache.compileCached(dir, filename, ${JSON.stringify(text)});
const module = { exports: {} };
compiled.wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
if (compiled.pending) cache.writeEntry(compiled.pending);
console.log(JSON.stringify({ outcome: compiled.outcome, exports: module.exports }));`) as { outcome: string; exports: unknown };
}

/** The entry file of `filename` (from the built module). */
const entryFile = (filename: string): string => inProcess(`console.log(JSON.stringify(cache.entryFile(dir, ${JSON.stringify(filename)})));`) as string;

const MODULE = "'use strict';\nfunction area(w, h) { return w * h; }\nmodule.exports = { area: area(3, 4), file: __filename };\n";

describe('code cache: one module', () => {
  it('misses, writes an entry, then hits it with the same exports', () => {
    const file = path.join(work, 'area.js');
    expect(load(file, MODULE)).toEqual({ outcome: 'miss', exports: { area: 12, file } });
    expect(fs.existsSync(entryFile(file))).toBe(true);
    expect(load(file, MODULE)).toEqual({ outcome: 'hit', exports: { area: 12, file } });
    // A hit writes nothing: the entry is the one of the miss.
    const written = fs.statSync(entryFile(file)).mtimeMs;
    load(file, MODULE);
    expect(fs.statSync(entryFile(file)).mtimeMs).toBe(written);
  });

  it('a module whose text changed (the same length, which V8 alone would take) is stale: compiled from its new text, its entry written again', () => {
    const file = path.join(work, 'area.js');
    load(file, MODULE);
    const changed = MODULE.replace('w * h', 'w + h');
    expect(changed.length).toBe(MODULE.length);
    expect(load(file, changed)).toEqual({ outcome: 'stale', exports: { area: 7, file } });
    expect(load(file, changed)).toEqual({ outcome: 'hit', exports: { area: 7, file } });
    expect(load(file, MODULE)).toEqual({ outcome: 'stale', exports: { area: 12, file } });
  });

  it('an entry of another Node (its header differs) is stale', () => {
    const file = path.join(work, 'area.js');
    load(file, MODULE);
    const entry = entryFile(file);
    const bytes = fs.readFileSync(entry);
    const text = bytes.toString('latin1');
    fs.writeFileSync(entry, Buffer.from(text.replace(JSON.stringify(process.version), JSON.stringify('v0.0.0')), 'latin1'));
    expect(load(file, MODULE)).toEqual({ outcome: 'stale', exports: { area: 12, file } });
  });

  it('a corrupt entry (data flipped, cut short, or not an entry at all) compiles as Node does', () => {
    const file = path.join(work, 'area.js');
    load(file, MODULE);
    const entry = entryFile(file);
    const good = fs.readFileSync(entry);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] ^= 0xff;
    fs.writeFileSync(entry, flipped);
    expect(load(file, MODULE)).toEqual({ outcome: 'corrupt', exports: { area: 12, file } });
    // Written again by that miss: a hit.
    expect(load(file, MODULE).outcome).toBe('hit');
    fs.writeFileSync(entry, good.subarray(0, good.indexOf(10) + 5));
    expect(load(file, MODULE)).toEqual({ outcome: 'corrupt', exports: { area: 12, file } });
    fs.writeFileSync(entry, 'not an entry\nat all\n');
    expect(load(file, MODULE)).toEqual({ outcome: 'corrupt', exports: { area: 12, file } });
  });

  it('data with a sound header and hash that V8 rejects is compiled as Node does', () => {
    const file = path.join(work, 'area.js');
    load(file, MODULE);
    const entry = entryFile(file);
    const good = fs.readFileSync(entry);
    const header = good.subarray(0, good.indexOf(10) + 1);
    const junk = Buffer.alloc(64, 7);
    const hash = require('node:crypto').createHash('sha256').update(junk).digest('hex');
    fs.writeFileSync(entry, Buffer.concat([header, Buffer.from(`${hash}\n`), junk]));
    expect(load(file, MODULE)).toEqual({ outcome: 'rejected', exports: { area: 12, file } });
    expect(load(file, MODULE).outcome).toBe('hit');
  });

  it("a text that does not compile throws V8's error (the hook then compiles as Node does) and writes no entry", () => {
    expect(() => load(path.join(work, 'broken.js'), 'module.exports = {;\n')).toThrow("SyntaxError: Unexpected token ';'");
    expect(fs.readdirSync(cache)).toEqual([]);
  });
});

describe('code cache: installed for the modules a thread loads', () => {
  it("compiles required modules through the cache with Node's require (resolve, relative paths), counts them, and writes entries on save", () => {
    fs.writeFileSync(path.join(work, 'side.js'), "module.exports = 'side';\n");
    fs.writeFileSync(path.join(work, 'main.js'), "module.exports = { side: require('./side'), resolved: require.resolve('./side'), dir: __dirname, cache: typeof require.cache };\n");
    fs.writeFileSync(path.join(work, 'broken.js'), 'module.exports = {;\n');
    const run = `
const installed = cache.installCodeCache(dir);
const exports = require(${JSON.stringify(path.join(work, 'main.js'))});
let error = '';
try { require(${JSON.stringify(path.join(work, 'broken.js'))}); } catch (e) { error = e.name + ': ' + e.message; }
installed.save();
console.log(JSON.stringify({ exports, error, stats: installed.stats }));`;
    const exports = { side: 'side', resolved: path.join(work, 'side.js'), dir: work, cache: 'object' };
    // Node's own error for a module that does not compile, through Node's own compilation (not counted).
    const error = "SyntaxError: Unexpected token ';'";
    expect(inProcess(run)).toEqual({ exports, error, stats: { hit: 0, miss: 2, stale: 0, corrupt: 0, rejected: 0, uncached: 0, written: 2 } });
    expect(fs.readdirSync(cache).sort()).toEqual([path.basename(entryFile(path.join(work, 'main.js'))), path.basename(entryFile(path.join(work, 'side.js')))].sort());
    expect(inProcess(run)).toEqual({ exports, error, stats: { hit: 2, miss: 0, stale: 0, corrupt: 0, rejected: 0, uncached: 0, written: 0 } });
  });

  it("a module that calls import() gets no entry (from one, Node 20 would have no loader for it); one with import( only in a string does", () => {
    fs.writeFileSync(path.join(work, 'late.mjs'), 'export const late = 42;\n');
    // `import (` with a space is a call too.
    fs.writeFileSync(path.join(work, 'dynamic.js'), "module.exports = () => import ('./late.mjs').then((m) => m.late);\n");
    fs.writeFileSync(path.join(work, 'quoted.js'), "module.exports = () => Promise.resolve('use `import(\"./late.mjs\")` instead'.length);\n");
    // acorn (which tells whether a text calls import()) is loaded first, so that only the module counts.
    const run = (file: string) => `
require(require.resolve('acorn', { paths: [${JSON.stringify(path.dirname(CODE_CACHE))}] }));
const installed = cache.installCodeCache(dir);
require(${JSON.stringify(path.join(work, file))})().then((value) => {
  installed.save();
  console.log(JSON.stringify({ value, stats: installed.stats }));
});`;
    const counts = { stale: 0, corrupt: 0, rejected: 0, uncached: 0 };
    expect(inProcess(run('dynamic.js'))).toEqual({ value: 42, stats: { hit: 0, miss: 1, ...counts, written: 0 } });
    expect(inProcess(run('dynamic.js'))).toEqual({ value: 42, stats: { hit: 0, miss: 1, ...counts, written: 0 } });
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(inProcess(run('quoted.js'))).toEqual({ value: 34, stats: { hit: 0, miss: 1, ...counts, written: 1 } });
    expect(inProcess(run('quoted.js'))).toEqual({ value: 34, stats: { hit: 1, miss: 0, ...counts, written: 0 } });
  });
});

describe('code cache directory', () => {
  it("is off with LEAKPROOF_CODE_CACHE=off, the named one when it is the user's own, and refused when others can write to it", () => {
    const dirOf = (named: string) => inProcess(`console.log(JSON.stringify(cache.codeCacheDir({ LEAKPROOF_CODE_CACHE: ${JSON.stringify(named)} }) ?? null));`);
    expect(dirOf('off')).toBeNull();
    expect(dirOf(cache)).toBe(cache);
    const made = path.join(work, 'made');
    expect(dirOf(made)).toBe(made);
    expect(fs.statSync(made).mode & 0o777).toBe(0o700);
    const open = path.join(work, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    expect(dirOf(open)).toBeNull();
  });
});
