import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { ESLint as ESLintType } from 'eslint';
import { eslintOptions, loadESLint, loadTypeScriptParser, type EngineSpec } from './engine';
import type { PoolFault, ToPool, ToWorker } from './pool';

/**
 * One thread of the daemon's pool (`WorkerPool`): it loads ESLint, the plugin and typescript-eslint's
 * parser once, says it is ready, then lints the files it is handed, one at a time, posting each result
 * as it comes (each message also tells the pool it is not hung). It keeps everything loaded, and V8's
 * optimized code with it, between runs: that is what the pool is for.
 */

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the daemon');

/** One ESLint a group's settings, kept while the server is busy; dropped when it is idle (`collect`). */
const engines = new Map<string, ESLintType>();

function engineFor(spec: EngineSpec): ESLintType {
  const key = JSON.stringify(spec);
  let engine = engines.get(key);
  if (!engine) {
    const ESLint = loadESLint();
    engine = new ESLint(eslintOptions({ ...spec, concurrency: 'off' }));
    engines.set(key, engine);
  }
  return engine;
}

/** The test hook's fault (LEAKPROOF_DAEMON_TEST_WORKER), on the file it names. */
function failIfAsked(fault: PoolFault | undefined, file: string): void {
  if (!fault || !(file === fault.file || file.endsWith(`/${fault.file}`) || file.endsWith(`\\${fault.file}`))) return;
  if (fault.kind === 'throw') throw new Error(`test fault: a worker thread throws on ${fault.file}`);
  // A thread stuck in a synchronous step: no message reaches the pool until it is terminated.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}

async function lint(job: number, spec: EngineSpec, files: readonly string[], fault: PoolFault | undefined): Promise<void> {
  const engine = engineFor(spec);
  for (let index = 0; index < files.length; index++) {
    const file = files[index] as string;
    failIfAsked(fault, file);
    let results: ESLintType.LintResult[];
    try {
      results = await engine.lintFiles([file]);
    } catch (error) {
      // The pool lints this job's files left on its own thread, where the same error ends the run as it
      // would a direct one.
      post({ type: 'error', job, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return;
    }
    for (const result of results) delete result.source;
    post({ type: 'result', job, index, results });
  }
  post({ type: 'done', job });
}

function post(message: ToPool): void {
  (port as NonNullable<typeof port>).postMessage(message);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'lint') {
    // A throw outside ESLint's call (the fault hook's) is not caught: the thread ends with it, as with
    // a crash, and the pool replaces it.
    void lint(message.job, message.spec, message.files, message.fault);
    return;
  }
  engines.clear();
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return;
  collect();
  post({ type: 'collected', heapBytes: getHeapStatistics().used_heap_size });
});

// What every run needs, loaded before the first job (the pool counts a thread's silence from here).
loadESLint();
require('../index');
loadTypeScriptParser();
post({ type: 'ready' });
