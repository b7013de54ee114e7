import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const PROGRAMS = path.join(__dirname, 'programs');
/** The built loader and runtime (`npm run build`): the files `leakproof/register` and `leakproof/runtime` point at. */
export const REGISTER = path.join(ROOT, 'dist', 'src', 'register', 'index.js');
export const RUNTIME = path.join(ROOT, 'dist', 'src', 'runtime');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node [flags] file` as a child process with the built runtime's path in LEAKPROOF_RUNTIME. */
export function runNode(flags: string[], file: string, env: Record<string, string> = {}, cwd = ROOT): Run {
  const result = spawnSync(process.execPath, [...flags, file], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LEAKPROOF_RUNTIME: RUNTIME, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The last stdout line of a run that must succeed, as JSON. */
export function lastJson<T>(run: Run): T {
  if (run.status !== 0) throw new Error(`exited ${run.status}: ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** The 1-based line of `file` that carries `// MARKER`, and the 1-based column of `text` on it. */
export function marked(file: string, marker: string, text: string): { line: number; column: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`// ${marker}`));
  if (index < 0) throw new Error(`no // ${marker} in ${file}`);
  const column = lines[index]!.indexOf(text);
  if (column < 0) throw new Error(`no ${text} on the ${marker} line of ${file}`);
  return { line: index + 1, column: column + 1 };
}
