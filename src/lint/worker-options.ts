import type { ESLint } from 'eslint';
import { codeCacheDir, installCodeCache } from './code-cache';
import type { EngineSpec } from './engine';

/**
 * The options module of ESLint's worker threads (`--concurrency`): it starts the code cache before the
 * toolchain is loaded (`./engine` is required only after it), and writes the entries the thread missed
 * when the thread exits, by which time V8 has compiled the functions the linting used.
 */
export function workerOptions(spec: EngineSpec): ESLint.Options {
  let dir: string | undefined;
  try {
    dir = codeCacheDir();
  } catch {
    // No cache directory (a read-only temp directory): the thread compiles as Node does.
  }
  if (dir) {
    const cache = installCodeCache(dir);
    process.once('exit', () => cache.save());
  }
  const engine = require('./engine') as typeof import('./engine');
  return engine.eslintOptions(spec);
}
