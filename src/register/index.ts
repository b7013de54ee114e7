/**
 * leakproof/register: `node --import leakproof/register app.js` (or `--require leakproof/register`).
 * Instruments the user's modules as they load (src/register/instrument.ts) so that every view they
 * make is recorded at a site known before the program runs, with no stack capture; `report()` and
 * `writeReport()` from leakproof/runtime read what was recorded, and `LEAKPROOF_REPORT=FILE` writes the
 * report when the process exits. Reference: docs/runtime.md.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../runtime/report';
import { installViewHelper } from '../runtime/static-sites';
import { instrumentModule } from './hooks';
import { loadParser } from './instrument';
import { messageOf } from './message';
import { shouldInstrument, transform, warn } from './transform';

/* eslint-disable @typescript-eslint/no-require-imports */

type Compile = (this: unknown, content: string, filename: string, ...rest: unknown[]) => unknown;
interface ModuleApi {
  prototype: { _compile: Compile };
  register?: (specifier: string, options?: unknown) => void;
  registerHooks?: (hooks: { load: (url: string, context: unknown, nextLoad: (url: string, context?: unknown) => unknown) => unknown }) => unknown;
}

const INSTALLED = Symbol.for('leakproof.register');

function install(): void {
  const globals = globalThis as Record<symbol, unknown>;
  if (globals[INSTALLED]) return; // --require and --import both given, or loaded twice
  globals[INSTALLED] = true;
  try {
    loadParser();
  } catch (error) {
    warn(`${messageOf(error)}; nothing is instrumented`);
    return;
  }
  // LEAKPROOF_RECORDING=finalizers: follow each view weakly (each view costs more, a report far less).
  const recording = process.env.LEAKPROOF_RECORDING?.trim() || 'stamps';
  if (recording !== 'stamps' && recording !== 'finalizers') warn(`LEAKPROOF_RECORDING=${recording}: expected stamps or finalizers; views are stamped`);
  if (!installViewHelper(recording === 'finalizers' ? 'finalizers' : 'stamps')) {
    warn('cannot define the global __leakproof_view (the global object is frozen, or another copy of leakproof defined it); nothing is instrumented');
    return;
  }
  const Module = require('node:module') as ModuleApi;
  // CommonJS: every module's source passes through Module.prototype._compile, after any loader that
  // compiles TypeScript (ts-node, tsx's CommonJS hook) has turned it into JavaScript. Node 20 to 24 all
  // call it; ES modules reach it only through require(esm), and are left to the load hook.
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (this: unknown, content: string, filename: string, ...rest: unknown[]) {
    const code = typeof content === 'string' && rest[0] !== 'module' && shouldInstrument(filename) ? transform(content, filename, 'commonjs') : content;
    return compile.call(this, code, filename, ...rest);
  } as Compile;
  // ES modules: a load hook that instruments the source the rest of the chain produced.
  if (typeof Module.registerHooks === 'function') {
    // Node 22.15+, 23.5+: synchronous, in the thread that registers it.
    Module.registerHooks({ load: (url, context, nextLoad) => instrumentModule(url, nextLoad(url, context) as Parameters<typeof instrumentModule>[1]) });
  } else if (typeof Module.register === 'function') {
    // Node 20 and 22 before 22.15: on the hooks thread. Only from the main thread: under --require,
    // Node 20 runs the preload again on the hooks thread, and a second register() there would chain the
    // hook twice (so ES modules in worker threads are not instrumented on this path).
    const { isMainThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    if (isMainThread) Module.register(pathToFileURL(path.join(__dirname, 'hooks.js')).href);
  } else {
    warn(`node ${process.version} has neither module.registerHooks nor module.register: ES modules are not instrumented`);
  }
  const reportFile = process.env.LEAKPROOF_REPORT;
  if (reportFile) {
    const target = path.resolve(reportFile);
    // With --expose-gc, once the event loop is empty: collect, and let the finalizers of dead views run,
    // so the report lists what is still reachable. Without it, views not yet collected count as alive.
    let collected = false;
    process.on('beforeExit', () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (collected || typeof gc !== 'function') return;
      collected = true;
      gc();
      setTimeout(() => gc(), 0);
      setTimeout(() => undefined, 10);
    });
    process.on('exit', () => {
      if (!writeReport(target)) warn(`LEAKPROOF_REPORT=${reportFile}: the report could not be written`);
    });
  }
}

try {
  install();
} catch (error) {
  // Never into the host: the program runs uninstrumented.
  warn(`could not install the loader (${messageOf(error)}); modules load uninstrumented`);
}
