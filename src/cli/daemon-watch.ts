import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';
import { fileStamp } from '../lint/file-stamp';
import { daemonAddress } from './daemon-address';

/** Files whose imports are followed: JavaScript and TypeScript modules (an ESLint config and what it imports). */
const MODULE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** How a relative specifier names a file: as written, with an extension, or as a directory's index. */
const SUFFIXES = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.json', ...['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `/index.${ext}`)];
/** TypeScript's habit: `./rules.js` written in an `eslint.config.ts` for `./rules.ts`. */
const SOURCE_OF: Record<string, string> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

function resolveLocal(target: string): string | undefined {
  for (const suffix of SUFFIXES) if (isFile(target + suffix)) return target + suffix;
  const ext = path.extname(target);
  const source = SOURCE_OF[ext] ? target.slice(0, -ext.length) + SOURCE_OF[ext] : undefined;
  return source && isFile(source) ? source : undefined;
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.split(path.sep).includes('node_modules');
}

function loadTypeScript(): typeof ts | undefined {
  try {
    return require('typescript') as typeof ts;
  } catch {
    return undefined;
  }
}

/**
 * The project's own modules that `file` (an ESLint config) imports, directly or through each other:
 * static `import`/`export … from`, `import()` and `require()` of a relative path, read with TypeScript's
 * import scanner, that lead to a file under `root` outside `node_modules`. A server keeps the modules a
 * config loaded (Node's module caches are never emptied), so a change to one must stop it. Packages are
 * not followed (an upgrade changes the root's package.json, which names the server); neither are imports
 * whose path is computed at run time.
 */
export function localImports(file: string, root: string): string[] {
  const found = new Set<string>();
  const visit = (current: string) => {
    if (!MODULE.test(current)) return;
    let text: string;
    try {
      text = fs.readFileSync(current, 'utf8');
    } catch {
      return;
    }
    // Loaded only for a config that exists (a server of a project without one never loads it here).
    const tsApi = loadTypeScript();
    if (!tsApi) return;
    for (const { fileName } of tsApi.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('./') && !fileName.startsWith('../')) continue;
      const target = resolveLocal(path.resolve(path.dirname(current), fileName));
      if (target === undefined || found.has(target) || !isInside(target, root)) continue;
      found.add(target);
      visit(target);
    }
  };
  visit(file);
  return [...found];
}

/**
 * The configuration files a server has seen, with their stamps then: a change stops the server. An
 * ESLint config brings the project's modules it imports (`localImports`).
 */
export class Watch {
  private readonly stamps = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly socket: string,
  ) {}

  add(files: Iterable<string>): void {
    for (const file of files) {
      if (this.stamps.has(file)) continue;
      this.stamps.set(file, fileStamp(file));
      if (MODULE.test(file)) for (const imported of localImports(file, this.root)) if (!this.stamps.has(imported)) this.stamps.set(imported, fileStamp(imported));
    }
  }

  /** The files watched (their order of addition). */
  files(): string[] {
    return [...this.stamps.keys()];
  }

  /** Why the server must stop, or undefined. */
  changed(): string | undefined {
    // The root's configs and leakproof's own files name the socket: another name means they changed.
    if (daemonAddress(this.root).socket !== this.socket) return `a configuration file of ${this.root} or leakproof changed`;
    for (const [file, stamp] of this.stamps) if (fileStamp(file) !== stamp) return `${file} changed`;
    return undefined;
  }
}
