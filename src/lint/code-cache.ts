import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module = require('node:module');
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * A V8 code cache for the CommonJS modules a worker thread of `--concurrency` loads (ESLint's rules,
 * the plugin, typescript-eslint's parser, TypeScript): each thread is a new V8 isolate that parses and
 * compiles their 12.7 M characters again. Node 20 has no `module.enableCompileCache` (22.1 does; ESLint's
 * worker calls it where it exists), so this is done with `vm.Script`'s `cachedData`.
 *
 * One entry a module, named by a hash of its path, in a per-user directory. The entry's header holds a
 * hash of the module's text, Node's and V8's versions and the architecture, and a hash of the data that
 * follows; V8 checks its own flags and the source's length. Anything that does not match (another text:
 * a stale entry; a short or garbled file: a corrupt one; data V8 rejects) compiles the module as Node
 * does, and the entry is written again.
 *
 * `import()`: a `vm.Script` compiled from a cache entry has no loader for it on Node 20.20 (it throws
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING where a module compiled by Node imports; test/lint/code-cache
 * shows it), so a module whose text has `import(` (or `import (`, `import /*`) gets an entry only once
 * acorn's tokenizer has found no `import` call in it (TypeScript's are all in strings); without acorn,
 * or where the tokenizer stops, it gets none.
 */

/** `off` turns the cache off; a path names its directory (the default: `leakproof-code-cache-<uid>` in the temp directory). */
export const CODE_CACHE_VARIABLE = 'LEAKPROOF_CODE_CACHE';

const MAGIC = 'leakproof-code-cache 1';

export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'corrupt' | 'rejected' | 'uncached';

export interface CodeCacheStats {
  hit: number;
  miss: number;
  stale: number;
  corrupt: number;
  rejected: number;
  uncached: number;
  /** Entries written by `save`. */
  written: number;
}

export interface CodeCache {
  dir: string;
  stats: CodeCacheStats;
  /** Writes an entry for each module compiled without one (with the functions V8 compiled since). */
  save(): void;
  /** Puts Node's own compilation back. */
  uninstall(): void;
}

/** What one module's compilation gave: its wrapper function, and how the cache answered. */
export interface Compiled {
  wrapper: (...args: unknown[]) => unknown;
  outcome: CacheOutcome;
  /** Set when the entry should be written (a miss, stale, corrupt or rejected entry). */
  pending?: { script: vm.Script; entry: string; header: string; /** The text, when it may call `import()`. */ dynamic?: string };
}

function userId(): string {
  return typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
}

/**
 * The cache directory from `env`, or `undefined` when the cache is off. Created with mode 0700; one that
 * another user owns or others can write is refused (its entries are compiled code this process runs).
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env[CODE_CACHE_VARIABLE];
  if (named === 'off') return undefined;
  const dir = named || path.join(os.tmpdir(), `leakproof-code-cache-${userId()}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory()) return undefined;
  if (process.platform !== 'win32') {
    const uid = process.getuid?.();
    if ((uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return undefined;
  }
  return dir;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The entry file of the module at `filename`. */
export function entryFile(dir: string, filename: string): string {
  return path.join(dir, `${sha256(filename).slice(0, 32)}.bin`);
}

/** The header line an entry for `content` must start with, up to the hash of its data. */
function headerFor(filename: string, content: string): string {
  return JSON.stringify([MAGIC, filename, sha256(content), process.version, process.versions.v8, process.arch]);
}

/**
 * Reads the entry at `entry`: its data when its header is `header` and the data hashes to what the
 * header says; otherwise why not.
 */
function readEntry(entry: string, header: string): { data: Buffer } | { outcome: 'miss' | 'stale' | 'corrupt' } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(entry);
  } catch {
    return { outcome: 'miss' };
  }
  const newline = bytes.indexOf(10);
  // The header line, then the data's hash on a line of its own, then the data.
  const hashEnd = newline < 0 ? -1 : bytes.indexOf(10, newline + 1);
  if (hashEnd < 0) return { outcome: 'corrupt' };
  const stored = bytes.subarray(0, newline).toString('utf8');
  if (stored !== header) {
    try {
      const [magic] = JSON.parse(stored) as unknown[];
      return { outcome: magic === MAGIC ? 'stale' : 'corrupt' };
    } catch {
      return { outcome: 'corrupt' };
    }
  }
  const data = bytes.subarray(hashEnd + 1);
  return bytes.subarray(newline + 1, hashEnd).toString('latin1') === sha256(data) ? { data } : { outcome: 'corrupt' };
}

/** Whether `content` may call `import()`: the word, then a parenthesis or a comment (`import (x)` is a call too). */
const mayImport = (content: string): boolean => /\bimport\s*[(/]/.test(content);

/** Where Node has it (20.12 on), the loader that Node's own CommonJS modules use for `import()`. */
const MAIN_CONTEXT_LOADER = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

/**
 * The `vm.Script` options for a module: a text that may call `import()` gets Node's loader, which
 * resolves it from `filename` as Node does (and prints an experimental warning when it runs); without
 * that loader such a text is not cached (undefined). TypeScript's `import(` are all in strings.
 */
function scriptOptions(filename: string, content: string): vm.ScriptOptions | undefined {
  if (!mayImport(content)) return { filename };
  return MAIN_CONTEXT_LOADER ? { filename, importModuleDynamically: MAIN_CONTEXT_LOADER as unknown as vm.ScriptOptions['importModuleDynamically'] } : undefined;
}

/**
 * Compiles Node's CommonJS wrapper of `content` (the text of `filename`) with the entry in `dir` when
 * it is sound. Throws what V8 throws for a text that does not compile: the caller then compiles as Node
 * does, which gives Node's own error.
 */
export function compileCached(dir: string, filename: string, content: string): Compiled {
  const options = scriptOptions(filename, content);
  if (!options) return { wrapper: new vm.Script(Module.wrap(content), { filename }).runInThisContext() as Compiled['wrapper'], outcome: 'uncached' };
  const entry = entryFile(dir, filename);
  const header = headerFor(filename, content);
  const read = readEntry(entry, header);
  const script = new vm.Script(Module.wrap(content), 'data' in read ? { ...options, cachedData: read.data } : options);
  const outcome: CacheOutcome = 'data' in read ? (script.cachedDataRejected ? 'rejected' : 'hit') : read.outcome;
  const wrapper = script.runInThisContext() as Compiled['wrapper'];
  return outcome === 'hit' ? { wrapper, outcome } : { wrapper, outcome, pending: { script, entry, header, ...(mayImport(content) ? { dynamic: content } : {}) } };
}

/**
 * Whether the module text `content` calls `import()` (the keyword followed by a parenthesis, as acorn's
 * tokenizer reads the text: not in strings, comments, regular expressions or templates' text);
 * undefined when it cannot tell (no acorn, or a text its tokenizer stops in).
 */
export function callsImport(content: string): boolean | undefined {
  let acorn: typeof import('acorn');
  try {
    acorn = require('acorn') as typeof import('acorn');
  } catch {
    return undefined;
  }
  try {
    let previous: import('acorn').Token | undefined;
    for (const token of acorn.tokenizer(Module.wrap(content), { ecmaVersion: 'latest', sourceType: 'script' })) {
      if (token.type === acorn.tokTypes.parenL && previous?.type === acorn.tokTypes._import) return true;
      previous = token;
    }
    return false;
  } catch {
    return undefined;
  }
}

/**
 * Writes an entry: to a file of its own, renamed into place, so that a reader never sees half of one.
 * Returns false, writing nothing, for a module that calls `import()` or may (see the top of this file).
 */
export function writeEntry(pending: NonNullable<Compiled['pending']>): boolean {
  if (pending.dynamic !== undefined && callsImport(pending.dynamic) !== false) return false;
  const data = pending.script.createCachedData();
  const temporary = `${pending.entry}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${pending.header}\n${sha256(data)}\n`, 'latin1'), data]), { mode: 0o600 });
    fs.renameSync(temporary, pending.entry);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return true;
}

interface NodeModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

interface ModuleInternals {
  prototype: NodeModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

/** The `require` a module's code is given, as Node builds it. */
function requireFor(module: NodeModule): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions as NodeJS.Require['extensions'];
  require.cache = internals._cache as NodeJS.Require['cache'];
  return require;
}

let installed: CodeCache | undefined;

/**
 * Compiles the CommonJS modules this thread loads from now on through the cache in `dir` (once a
 * thread: a second call returns the first cache). Entries are written by `save`.
 */
export function installCodeCache(dir: string): CodeCache {
  if (installed) return installed;
  const internals = Module as unknown as ModuleInternals;
  const original = internals.prototype._compile;
  const stats: CodeCacheStats = { hit: 0, miss: 0, stale: 0, corrupt: 0, rejected: 0, uncached: 0, written: 0 };
  const pending: NonNullable<Compiled['pending']>[] = [];
  internals.prototype._compile = function compile(this: NodeModule, content: string, filename: string): unknown {
    let compiled: Compiled;
    try {
      compiled = compileCached(dir, filename, content);
    } catch {
      // Node's own compilation: the same module, or Node's own error for it.
      return original.call(this, content, filename);
    }
    stats[compiled.outcome]++;
    if (compiled.pending) pending.push(compiled.pending);
    return compiled.wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  const cache: CodeCache = {
    dir,
    stats,
    save() {
      // A module loaded meanwhile (acorn, by writeEntry) is written too.
      for (let entry = pending.shift(); entry; entry = pending.shift()) {
        try {
          if (writeEntry(entry)) stats.written++;
        } catch {
          // A cache that cannot be written leaves the next run compiling as Node does.
        }
      }
    },
    uninstall() {
      internals.prototype._compile = original;
      installed = undefined;
    },
  };
  installed = cache;
  return cache;
}
