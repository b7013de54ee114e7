import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

// bench/lint.js is not run in CI as a bench; these tests cover how its --listener-ab mode refuses bad input
// (each fails before the corpus is read or generated).
const LINT = path.join(__dirname, '..', '..', 'bench', 'lint.js');
const run = (...args: string[]) => spawnSync(process.execPath, [LINT, ...args], { encoding: 'utf8', cwd: path.join(__dirname, '..', '..') });

describe('bench/lint.js --listener-ab', () => {
  it('names an argument that is neither a build directory nor a commit', () => {
    const result = run('--listener-ab', 'no-such-ref-or-dir', '--rules', 'require-hibernation');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--listener-ab: no-such-ref-or-dir is neither a directory holding dist/src/index.js nor a git commit of this repository');
  });

  it('refuses --rules and --reps without --listener-ab', () => {
    const result = run('--rules', 'require-hibernation');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--rules and --reps belong to --listener-ab');
  });

  it('refuses a repetition count that is not a whole number of at least 1', () => {
    const result = run('--listener-ab', 'HEAD', '--reps', '0');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--reps: a whole number of at least 1');
  });

  it('refuses a build that is this checkout', () => {
    const result = run('--listener-ab', '.', '--rules', 'require-hibernation');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--listener-ab: the other build is this checkout');
  });
});
