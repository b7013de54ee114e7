import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';

/**
 * The other files of the linted file's package, for the one question the analysis asks across files: what
 * a function imported by a relative path (`require('./crypto')`, or an `import` of `../lib/hash.js`)
 * returns. This module finds the file and parses it, untyped, once per process while it is unchanged; the
 * question itself is asked of that file's facts (see `FileFacts`). Nothing here throws: a file that cannot
 * be found, read or parsed gives no answer, and the calling file is analysed as if the function were
 * unknown, as before.
 */

/** Files larger than this are not parsed for a summary (generated bundles): their functions stay unknown. */
const MAX_FILE_BYTES = 1024 * 1024;
/** How many parsed files are kept; the least recently used one is dropped first. */
const MAX_PARSED_FILES = 64;

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * The file a relative specifier names from `fromFile`, as Node's CommonJS resolver and TypeScript find it:
 * the path itself, with an extension, or its `index`; `./x.js` also as `./x.ts` (TypeScript's ESM
 * convention). Undefined for bare specifiers (packages), files that do not exist, and files a build may
 * swap for a platform's variant (see `hasSiblingVariants` and `replacedNames`).
 */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  if (!path.isAbsolute(fromFile)) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  // The files of a folder import the same modules: one answer per path while its folder is unchanged.
  const stamp = dirStamp(path.dirname(base));
  const known = resolved.get(base);
  let file: string | undefined;
  if (known && stamp !== undefined && known.stamp === stamp) {
    file = known.file;
  } else {
    file = resolveFresh(base);
    if (stamp !== undefined) {
      if (resolved.size > 4096) resolved.clear();
      resolved.set(base, { stamp, file });
    }
  }
  return file && !replacedNames(path.dirname(file)).has(path.basename(file, path.extname(file))) ? file : undefined;
}

const resolved = new Map<string, { stamp: number; file: string | undefined }>();

/** A folder's modification time (trusted for a while: `recently`), or undefined when it cannot be read. */
function dirStamp(dir: string): number | undefined {
  return recently(`dir:${dir}`, () => {
    try {
      return fs.statSync(dir).mtimeMs;
    } catch {
      return undefined;
    }
  });
}

/**
 * How long a stamp (a folder's, a package.json's, an imported file's) is trusted: the files of one folder are
 * linted one after another and ask the same, so each is read once in that time, not once per linted file. A
 * file added beside the linted one, an edited `browser` map or an edit to an imported file is seen after at
 * most this long (an editor lints again on the next change).
 */
const STAMP_TRUST_MS = 1000;
const recentStamps = new Map<string, { at: number; value: string | number | undefined }>();

function recently<T extends string | number | undefined>(key: string, read: () => T): T {
  const now = Date.now();
  const known = recentStamps.get(key);
  if (known && now - known.at < STAMP_TRUST_MS) return known.value as T;
  const value = read();
  if (recentStamps.size > 4096) recentStamps.clear();
  recentStamps.set(key, { at: now, value });
  return value;
}

/** `resolveRelative` without its cache, and without the package.json maps (asked each time: they may change). */
function resolveFresh(base: string): string | undefined {
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext)];
  const js = /\.(m|c)?js$/.exec(base);
  if (js) candidates.push(base.slice(0, -js[0].length) + `.${js[1] ?? ''}ts`, base.slice(0, -js[0].length) + '.tsx');
  candidates.push(...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)));
  // The candidates lie in two directories: each is read (or its stamp checked) once here.
  const dirs = new Map<string, ReadonlyMap<string, boolean> | undefined>();
  const entriesOf = (dir: string) => {
    if (!dirs.has(dir)) dirs.set(dir, listing(dir));
    return dirs.get(dir);
  };
  const file = candidates.find((candidate) => entriesOf(path.dirname(candidate))?.get(path.basename(candidate)) === true);
  return file && !hasSiblingVariants(file, entriesOf(path.dirname(file))) ? file : undefined;
}

/** A directory's entries (name → is a file), read once while the directory is unchanged. */
const listings = new Map<string, { stamp: number; entries: ReadonlyMap<string, boolean> }>();
const MAX_LISTINGS = 256;

function listing(dir: string): ReadonlyMap<string, boolean> | undefined {
  // A directory's modification time changes when an entry is added, removed or renamed.
  const stamp = dirStamp(dir);
  if (stamp === undefined) return undefined;
  const cached = listings.get(dir);
  if (cached?.stamp === stamp) return cached.entries;
  const entries = new Map<string, boolean>();
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) entries.set(entry.name, entry.isFile() || (entry.isSymbolicLink() && isFileOnDisk(path.join(dir, entry.name))));
  } catch {
    return undefined;
  }
  listings.delete(dir);
  listings.set(dir, { stamp, entries });
  while (listings.size > MAX_LISTINGS) listings.delete(listings.keys().next().value as string);
  return entries;
}

function isFileOnDisk(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The platforms bundlers pick a module's variant for: `hex.browser.js`, `hex.native.js`, `hex.ios.ts`, … */
const PLATFORMS = ['browser', 'native', 'react-native', 'ios', 'android', 'web', 'node', 'deno', 'bun', 'worker', 'electron'];

/**
 * True when a build may put another file in this one's place, so that what it returns is not known from it:
 * a sibling variant for a platform (`hex.browser.js` next to `hex.js`, as React Native's and other bundlers
 * pick by file name). A `browser` or `react-native` map in the nearest package.json that replaces a file of
 * this name does too (`replacedNames`, asked by `resolveRelative`).
 */
function hasSiblingVariants(file: string, siblings: ReadonlyMap<string, boolean> | undefined): boolean {
  const ext = path.extname(file);
  const base = path.basename(file, ext);
  if (!siblings) return true;
  const prefix = `${base}.`;
  for (const name of siblings.keys()) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const dot = rest.lastIndexOf('.');
    if (dot > 0 && PLATFORMS.includes(rest.slice(0, dot)) && EXTENSIONS.includes(rest.slice(dot))) return true;
  }
  return false;
}

const replacedByPackage = new Map<string, { stamp: string; names: ReadonlySet<string> }>();

/**
 * The nearest package.json above each directory asked about, found once per process (a package.json added
 * above a file later is seen after a restart of a long-lived process; one changed or removed is seen once its
 * stamp is read again, see `recently`).
 */
const nearestManifest = new Map<string, string | null>();

/**
 * The file names (without extension) the nearest package.json's `browser` or `react-native` map replaces
 * (those maps often name the build output, `./lib/encoding/hex.js` for `src/encoding/hex.js`, so the name is
 * compared, not the path).
 */
function replacedNames(dir: string): ReadonlySet<string> {
  let manifest = nearestManifest.get(dir);
  if (manifest === undefined) {
    manifest = null;
    for (let current = dir, steps = 0; steps < 32; steps++) {
      const candidate = path.join(current, 'package.json');
      if (stampOf(candidate)) {
        manifest = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    if (nearestManifest.size > 4096) nearestManifest.clear();
    nearestManifest.set(dir, manifest);
  }
  if (manifest === null) return new Set();
  const stamp = recently(`manifest:${manifest}`, () => stampOf(manifest));
  if (!stamp) {
    nearestManifest.delete(dir);
    return new Set();
  }
  const cached = replacedByPackage.get(manifest);
  if (cached?.stamp === stamp) return cached.names;
  const names = new Set<string>();
  try {
    const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    for (const field of ['browser', 'react-native']) {
      const map = json[field];
      if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const [from, to] of Object.entries(map as Record<string, unknown>)) {
        if (from.startsWith('.') && to !== from) names.add(path.basename(from).replace(/\.[^.]*$/, ''));
      }
    }
  } catch {
    // An unreadable package.json replaces nothing we can tell.
  }
  replacedByPackage.set(manifest, { stamp, names });
  return names;
}

interface Parsed {
  stamp: string;
  sourceCode: TSESLint.SourceCode | undefined;
}

const parsed = new Map<string, Parsed>();

/** A file's stamp: its size and modification time (a changed file is parsed again). */
function stampOf(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= MAX_FILE_BYTES ? `${stat.size}:${stat.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file parsed with typescript-eslint's parser, without type information, as ESLint's SourceCode (with
 * its scopes). Undefined when it cannot be read or parsed, is larger than 1 MiB, or when ESLint or the
 * parser cannot be loaded.
 */
export function parsedFile(file: string): TSESLint.SourceCode | undefined {
  const stamp = recently(`file:${file}`, () => stampOf(file));
  if (!stamp) return undefined;
  const cached = parsed.get(file);
  if (cached && cached.stamp === stamp) {
    // Most recently used last.
    parsed.delete(file);
    parsed.set(file, cached);
    return cached.sourceCode;
  }
  const sourceCode = parse(file);
  parsed.delete(file);
  parsed.set(file, { stamp, sourceCode });
  while (parsed.size > MAX_PARSED_FILES) parsed.delete(parsed.keys().next().value as string);
  return sourceCode;
}

function parse(file: string): TSESLint.SourceCode | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseForESLint } = require('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SourceCode } = require('eslint') as { SourceCode: new (config: object) => TSESLint.SourceCode };
    const text = fs.readFileSync(file, 'utf8');
    const jsx = /\.(?:tsx|jsx)$/.test(file);
    const options = { ecmaVersion: 'latest' as const, range: true, loc: true, tokens: true, comment: true, filePath: file, ecmaFeatures: { jsx } };
    let result;
    try {
      result = parseForESLint(text, { ...options, sourceType: 'module' });
    } catch (error) {
      // CommonJS may use what modules forbid (`with`, legacy octal escapes).
      if (/\.(?:mjs|mts|ts|tsx)$/.test(file)) throw error;
      result = parseForESLint(text, { ...options, sourceType: 'script' });
    }
    return new SourceCode({ text, ast: result.ast, scopeManager: result.scopeManager, visitorKeys: result.visitorKeys, parserServices: result.services });
  } catch {
    return undefined;
  }
}
