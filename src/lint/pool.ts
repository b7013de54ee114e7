import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ESLint as ESLintType } from 'eslint';
import type { EngineSpec } from './engine';

/**
 * The daemon's warm worker threads (`lint --daemon --concurrency N`). ESLint's own threads (a direct
 * run's `--concurrency`) are started for one `lintFiles` call and end with it, so each run pays their
 * start-up (about 0.45 s of CPU a thread) and V8's warm-up on their first files again, which on two
 * cores costs more than the threads gain (bench/README.md, "ESLint's own floor for threads"). These
 * threads are started at the first run that needs them and kept, loaded and warm, until the server
 * ends; a run hands them the files of a group without type information and gets each file's result as
 * it comes.
 *
 * No file is lost: a thread that crashes, exits or sends no word for the silence limit is terminated
 * and dropped (the next run that needs it starts a new one), and the files it had not finished are
 * returned in `left`, for the caller to lint on its own thread; each such event is a `PoolFailure`.
 */

/** A test hook, read from the run's environment: `throw:FILE` or `hang:FILE` (a file's path or its tail). */
export const FAULT_VARIABLE = 'LEAKPROOF_DAEMON_TEST_WORKER';

export interface PoolFault {
  kind: 'throw' | 'hang';
  file: string;
}

/** Messages to a thread. */
export type ToWorker = { type: 'lint'; job: number; spec: EngineSpec; files: readonly string[]; fault?: PoolFault } | { type: 'collect' };

/** Messages from a thread: `result` carries the results of `files[index]` of the job. */
export type ToPool =
  | { type: 'ready' }
  | { type: 'collected'; heapBytes: number }
  | { type: 'result'; job: number; index: number; results: ESLintType.LintResult[] }
  | { type: 'done'; job: number }
  | { type: 'error'; job: number; message: string };

export interface PoolFailure {
  /** The thread's number in this server (1 for the first one started). */
  thread: number;
  /** What happened: "crashed (Error: ...)", "exited (code 1)", "sent no word for 60 s", "failed (...)". */
  reason: string;
  /** The file it was linting. */
  file: string;
  /** The files it had been given and not finished, linted again by the caller. */
  files: number;
}

export interface PoolRun {
  /** The results the threads returned, in the order of the files given. */
  results: ESLintType.LintResult[];
  /** Files no thread finished (see `failures`), in the order given. */
  left: string[];
  failures: PoolFailure[];
}

export interface PoolOptions {
  /** How long a thread may send no word during a job before it counts as hung (read at each run). */
  silenceMs: () => number;
  log: (message: string) => void;
}

/** A thread's first job also waits for it to load ESLint, the plugin and the parser: at least this long. */
const START_MS = 120_000;

/** Files a job holds at most: small jobs share the files out evenly, large ones cost fewer messages. */
const MAX_JOB_FILES = 50;

interface Thread {
  id: number;
  worker: Worker;
  ready: boolean;
  /** The current job's handler of the thread's messages and of its end. */
  onMessage?: (message: ToPool) => void;
  onEnd?: (reason: string) => void;
  ended: boolean;
}

function faultFromEnv(): PoolFault | undefined {
  const match = /^(throw|hang):(.+)$/.exec(process.env[FAULT_VARIABLE] ?? '');
  return match ? { kind: match[1] as PoolFault['kind'], file: match[2] as string } : undefined;
}

export class WorkerPool {
  private threads: Thread[] = [];
  private started = 0;
  private jobs = 0;

  constructor(private readonly options: PoolOptions) {}

  /** The threads kept. */
  get size(): number {
    return this.threads.length;
  }

  /**
   * Lints `files` with `spec` (no type information: `spec.project` unset) on `threads` threads, starting
   * those the pool lacks. `onResult` gets each result as it arrives (a `--fix` run writes it then).
   */
  async lint(spec: EngineSpec, files: readonly string[], threads: number, onResult: (result: ESLintType.LintResult) => void): Promise<PoolRun> {
    if (spec.project !== undefined) throw new Error('the worker pool lints files without type information only');
    while (this.threads.length < threads) this.threads.push(this.startThread());
    const used = this.threads.slice(0, threads);
    const size = Math.max(1, Math.min(MAX_JOB_FILES, Math.ceil(files.length / (threads * 8))));
    const byIndex: (ESLintType.LintResult[] | undefined)[] = new Array(files.length);
    const left = new Set<number>();
    const failures: PoolFailure[] = [];
    let next = 0;
    const fault = faultFromEnv();
    const serve = async (thread: Thread) => {
      while (next < files.length && !thread.ended) {
        const start = next;
        // This job's end: `next` moves on as the other threads take jobs while this one runs.
        const end = Math.min(files.length, next + size);
        next = end;
        const failure = await this.runJob(thread, spec, files.slice(start, end), fault, (index, results) => {
          byIndex[start + index] = results;
          for (const result of results) onResult(result);
        });
        if (!failure) continue;
        // A thread lints its job's files in order: the first without a result is the one it failed on.
        const unfinished: number[] = [];
        for (let i = start; i < end; i++) if (byIndex[i] === undefined) unfinished.push(i);
        for (const i of unfinished) left.add(i);
        const file = files[unfinished[0] ?? start] as string;
        failures.push({ thread: thread.id, reason: failure, file, files: unfinished.length });
        this.options.log(`worker thread ${thread.id} ${failure} while linting ${file}; ${unfinished.length} files of its job left to the main thread`);
      }
    };
    await Promise.all(used.map(serve));
    // Every thread ended: what none took is left too.
    for (let i = next; i < files.length; i++) left.add(i);
    const results: ESLintType.LintResult[] = [];
    for (const found of byIndex) if (found) results.push(...found);
    return { results, left: files.filter((_, i) => left.has(i)), failures };
  }

  /** Asks idle threads to drop their engines and collect garbage (the server calls it when it is idle). */
  collect(): void {
    for (const thread of this.threads) if (!thread.onMessage) thread.worker.postMessage({ type: 'collect' } satisfies ToWorker);
  }

  /** Ends every thread. */
  async close(): Promise<void> {
    const threads = this.threads;
    this.threads = [];
    for (const thread of threads) thread.ended = true;
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private startThread(): Thread {
    const id = ++this.started;
    const worker = new Worker(path.join(__dirname, 'pool-worker.js'));
    const thread: Thread = { id, worker, ready: false, ended: false };
    this.options.log(`worker thread ${id} started`);
    worker.on('message', (message: ToPool) => {
      if (message.type === 'ready') thread.ready = true;
      if (message.type === 'collected') this.options.log(`worker thread ${id} collected garbage: ${Math.round(message.heapBytes / 1e6)} MB of heap in use`);
      else thread.onMessage?.(message);
    });
    const end = (reason: string) => {
      if (thread.ended) return;
      thread.ended = true;
      this.threads = this.threads.filter((kept) => kept !== thread);
      if (thread.onEnd) thread.onEnd(reason);
      else this.options.log(`worker thread ${id} ${reason} while idle`);
    };
    // The end is handled at 'exit', which comes after the results the thread posted before it crashed.
    let crash: string | undefined;
    worker.on('error', (error) => (crash ??= `crashed (${error.stack?.split('\n')[0] ?? String(error)})`));
    worker.on('exit', (code) => end(crash ?? `exited (code ${code})`));
    // An idle thread does not keep the server alive.
    worker.unref();
    return thread;
  }

  /** Runs one job; resolves with why the thread failed, or undefined when it returned every result. */
  private runJob(thread: Thread, spec: EngineSpec, files: string[], fault: PoolFault | undefined, take: (index: number, results: ESLintType.LintResult[]) => void): Promise<string | undefined> {
    const job = ++this.jobs;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (failure: string | undefined) => {
        clearTimeout(timer);
        thread.onMessage = undefined;
        thread.onEnd = undefined;
        resolve(failure);
      };
      const watch = () => {
        clearTimeout(timer);
        const silence = this.options.silenceMs();
        timer = setTimeout(
          () => {
            const seconds = Math.round((thread.ready ? silence : Math.max(silence, START_MS)) / 1000);
            thread.onEnd = undefined;
            finish(`sent no word for ${seconds} s (hung; terminated)`);
            thread.ended = true;
            this.threads = this.threads.filter((kept) => kept !== thread);
            void thread.worker.terminate();
          },
          thread.ready ? silence : Math.max(silence, START_MS),
        );
      };
      thread.onEnd = (reason) => finish(reason);
      thread.onMessage = (message) => {
        watch();
        if (message.type === 'ready' || message.type === 'collected' || message.job !== job) return;
        if (message.type === 'result') take(message.index, message.results);
        else if (message.type === 'done') finish(undefined);
        else finish(`failed (${message.message.split('\n')[0]})`);
      };
      watch();
      thread.worker.postMessage({ type: 'lint', job, spec, files, ...(fault ? { fault } : {}) } satisfies ToWorker);
    });
  }
}
