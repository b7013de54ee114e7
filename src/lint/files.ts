import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';

/** The file kinds leakproof lints. */
export const LINTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

// Never linted: dependencies and VCS data.
const ALWAYS_IGNORED_DIRS = new Set(['node_modules', '.git']);
// Build output: skipped where git does not track it (or outside git), linted where git tracks the files.
export const BUILD_DIRS = new Set(['dist', 'build', 'coverage', '.next', '.turbo']);

export function isLinted(file: string): boolean {
  return LINTED_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts');
}

function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

function gitList(dir: string, args: string[]): string[] | undefined {
  const out = git(dir, ['ls-files', ...args, '-z', '--', '.']);
  if (out === undefined) return undefined;
  return out
    .split('\0')
    .filter(Boolean)
    .map((rel) => path.resolve(dir, rel))
    .filter((file) => fs.existsSync(file));
}

function walk(dir: string, out: string[], skipBuild: boolean): void {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!ALWAYS_IGNORED_DIRS.has(entry.name) && !(skipBuild && BUILD_DIRS.has(entry.name))) stack.push(path.join(current, entry.name));
      } else if (entry.isFile()) {
        out.push(path.join(current, entry.name));
      }
    }
  }
}

/** Why git ignores `file` (`.gitignore:3: dist/`), or undefined when it does not (or there is no git). */
function gitIgnoreReason(file: string): string | undefined {
  const out = git(path.dirname(file), ['check-ignore', '-v', '--', file]);
  if (!out) return undefined;
  // <source>:<line>:<pattern>\t<path>
  const match = /^(.*?):(\d+):(.*?)\t/.exec(out);
  if (!match) return 'git ignores it';
  const source = path.relative(path.dirname(file), path.resolve(path.dirname(file), match[1] as string)) || match[1];
  return `${source}:${match[2]} (${match[3]})`;
}

export interface FoundFiles {
  /** The files to lint, sorted. */
  files: string[];
  /** Files named on the command line (not found under a named directory). */
  named: Set<string>;
  /** Files named on the command line that .gitignore ignores, with why; not linted (ESLint's way), each warned about. */
  ignored: { file: string; reason: string }[];
}

export interface FindOptions {
  /** False: no .gitignore, build output linted (`--no-ignore`); dependencies and .git are still skipped. */
  ignore: boolean;
}

/**
 * The files to lint under the given paths: .gitignore honoured through git where the path is in a
 * repository, dependencies skipped always, build output skipped unless git tracks it. A path that does
 * not exist is a usage error.
 */
export function findFiles(paths: readonly string[], cwd: string, options: FindOptions = { ignore: true }): FoundFiles {
  const found = new Set<string>();
  const named = new Set<string>();
  const ignored: FoundFiles['ignored'] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isFile()) {
      if (!isLinted(absolute)) continue;
      const reason = options.ignore ? gitIgnoreReason(absolute) : undefined;
      if (reason) ignored.push({ file: absolute, reason: `ignored by ${reason}` });
      else {
        found.add(absolute);
        named.add(absolute);
      }
      continue;
    }
    const files: string[] = [];
    const tracked = options.ignore ? gitList(absolute, ['--cached']) : undefined;
    if (tracked) {
      const trackedSet = new Set(tracked);
      files.push(...tracked);
      // Untracked files git does not ignore; build output among them is skipped, tracked build sources are not.
      for (const file of gitList(absolute, ['--others', '--exclude-standard']) ?? []) {
        if (!trackedSet.has(file) && !path.relative(absolute, file).split(path.sep).some((part) => BUILD_DIRS.has(part))) files.push(file);
      }
    } else {
      walk(absolute, files, options.ignore);
    }
    for (const file of files) {
      const rel = path.relative(absolute, file).split(path.sep);
      if (rel.some((part) => ALWAYS_IGNORED_DIRS.has(part))) continue;
      if (isLinted(file)) found.add(file);
    }
  }
  return { files: [...found].sort(), named, ignored };
}
