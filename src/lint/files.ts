import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';

/** The file kinds leakproof lints. */
export const LINTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

// Never linted, with or without git: dependencies, build output, VCS data.
const ALWAYS_IGNORED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo']);

function isLinted(file: string): boolean {
  return LINTED_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts');
}

/** Files git would track under `dir` (tracked or untracked, not ignored), or undefined outside a repository. */
function gitFiles(dir: string): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return out
      .split('\0')
      .filter(Boolean)
      .map((rel) => path.resolve(dir, rel))
      .filter((file) => fs.existsSync(file));
  } catch {
    return undefined;
  }
}

function walk(dir: string, out: string[]): void {
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
        if (!ALWAYS_IGNORED_DIRS.has(entry.name)) stack.push(path.join(current, entry.name));
      } else if (entry.isFile()) {
        out.push(path.join(current, entry.name));
      }
    }
  }
}

/**
 * The files to lint under the given paths: .gitignore honoured through git where the path is in a
 * repository, dependencies and build output skipped always. A path that does not exist is a usage error.
 */
export function findFiles(paths: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isFile()) {
      // A file named explicitly is linted even if ignored, as ESLint does for its own ignores' opposite.
      if (isLinted(absolute)) found.add(absolute);
      continue;
    }
    const listed = gitFiles(absolute);
    const files: string[] = [];
    if (listed) files.push(...listed);
    else walk(absolute, files);
    for (const file of files) {
      const rel = path.relative(absolute, file).split(path.sep);
      if (rel.some((part) => ALWAYS_IGNORED_DIRS.has(part))) continue;
      if (isLinted(file)) found.add(file);
    }
  }
  return [...found].sort();
}
