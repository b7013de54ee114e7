import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';

const SOURCE = path.join(__dirname, '..', '..', 'src', 'runtime');
const PROGRAMS = path.join(__dirname, 'programs');

/**
 * Compiles src/runtime alone to CommonJS in a temporary folder, so child processes can load the
 * runtime without a build of the whole tree. Returns the folder (it holds index.js) and a cleanup.
 */
export function buildRuntime(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-runtime-'));
  compileTypeScriptDir(SOURCE, dir);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs test/runtime/programs/<name>.js with --expose-gc and the built runtime; returns its JSON output. */
export function runProgram<T = Record<string, unknown>>(runtimeDir: string, name: string, args: string[] = []): T {
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(PROGRAMS, `${name}.js`), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LEAKPROOF_RUNTIME: runtimeDir },
  });
  if (result.status !== 0) throw new Error(`${name}.js exited ${result.status}: ${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

export const programPath = (name: string): string => path.join(PROGRAMS, `${name}.js`);

/**
 * Compiles src/runtime and src/test to CommonJS side by side in a temporary folder (as `dist/src` lays
 * them out), so a child process can `require` leakproof/test without a build. Returns its entry.
 */
export function buildLeakTest(): { testEntry: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-test-'));
  for (const folder of ['runtime', 'test']) {
    fs.mkdirSync(path.join(dir, folder));
    compileTypeScriptDir(path.join(SOURCE, '..', folder), path.join(dir, folder));
  }
  return { testEntry: path.join(dir, 'test', 'index.js'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Compiles every `.ts` file of `from` (not its subfolders) to CommonJS `.js` files in `to`, with swc. */
export function compileTypeScriptDir(from: string, to: string): void {
  for (const name of fs.readdirSync(from)) {
    if (!name.endsWith('.ts')) continue;
    const { code } = transformFileSync(path.join(from, name), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: false,
      swcrc: false,
      configFile: false,
    });
    fs.writeFileSync(path.join(to, name.replace(/\.ts$/, '.js')), code);
  }
}
