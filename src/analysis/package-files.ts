import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';

/**
 * The other files of the linted file's package, for the one question the analysis asks across files: what
 * a function imported by a relative path (`require('./crypto')`, `import { hash } from '../lib/hash.js'`)
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
 * swap for a platform's variant (see `hasPlatformVariants`).
 */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  if (!path.isAbsolute(fromFile)) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext)];
  const js = /\.(m|c)?js$/.exec(base);
  if (js) candidates.push(base.slice(0, -js[0].length) + `.${js[1] ?? ''}ts`, base.slice(0, -js[0].length) + '.tsx');
  candidates.push(...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)));
  const file = candidates.find(isFile);
  return file && !hasPlatformVariants(file) ? file : undefined;
}

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** The platforms bundlers pick a module's variant for: `hex.browser.js`, `hex.native.js`, `hex.ios.ts`, … */
const PLATFORMS = ['browser', 'native', 'react-native', 'ios', 'android', 'web', 'node', 'deno', 'bun', 'worker', 'electron'];

/**
 * True when a build may put another file in this one's place, so that what it returns is not known from it:
 * a sibling variant for a platform (`hex.browser.js` next to `hex.js`, as React Native's and other bundlers
 * pick by file name), or a `browser` or `react-native` map in the nearest package.json that replaces a file
 * of this name (those maps often name the build output, `./lib/encoding/hex.js` for `src/encoding/hex.js`,
 * so the name is compared, not the path).
 */
function hasPlatformVariants(file: string): boolean {
  const dir = path.dirname(file);
  const ext = path.extname(file);
  const base = path.basename(file, ext);
  let siblings: string[];
  try {
    siblings = fs.readdirSync(dir);
  } catch {
    return true;
  }
  const variants = new Set(PLATFORMS.flatMap((platform) => EXTENSIONS.map((variantExt) => `${base}.${platform}${variantExt}`)));
  if (siblings.some((name) => variants.has(name))) return true;
  return replacedNames(dir).has(base);
}

const replacedByPackage = new Map<string, { stamp: string; names: ReadonlySet<string> }>();

/** The file names (without extension) the nearest package.json's `browser` or `react-native` map replaces. */
function replacedNames(dir: string): ReadonlySet<string> {
  for (let current = dir, steps = 0; steps < 32; steps++) {
    const manifest = path.join(current, 'package.json');
    const stamp = stampOf(manifest);
    if (stamp) {
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
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return new Set();
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
  const stamp = stampOf(file);
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
