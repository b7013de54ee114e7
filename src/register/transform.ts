import * as fs from 'node:fs';
import * as path from 'node:path';
import { instrument } from './instrument';
import type { ModuleFormat, RuleLookup } from './instrument';
import { readLintRules } from './lint-rules';
import { messageOf } from './message';

/**
 * What both loader paths share (the CommonJS compile wrap and the ES module load hook, which on Node 20
 * runs on its own thread): which files to instrument, and the transform with its one-line warnings.
 * Options come from the environment, which the hook thread sees too.
 */

// leakproof's own files (dist/) are never instrumented: the runtime must not record its own views.
const OWN_ROOT = path.resolve(__dirname, '..', '..') + path.sep;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

const includeNodeModules = /^(1|true|yes)$/i.test(process.env.LEAKPROOF_NODE_MODULES ?? '');
// Also the views that cannot outlive the call that makes them (src/register/instrument.ts, cannotEscape).
const allViews = /^(1|true|yes)$/i.test(process.env.LEAKPROOF_ALL_VIEWS ?? '');

let rules: RuleLookup | undefined;
let rulesRead = false;

/**
 * One line on stderr, written at once: on the hooks thread, process.stderr is relayed to the main
 * thread asynchronously and can arrive late or, if the process ends first, not at all.
 */
export function warn(message: string): void {
  try {
    fs.writeSync(2, `leakproof/register: ${message}\n`);
  } catch {
    // stderr closed: nothing to say it with
  }
}

function lintRules(): RuleLookup | undefined {
  if (!rulesRead) {
    rulesRead = true;
    const file = process.env.LEAKPROOF_LINT;
    if (file) {
      try {
        rules = readLintRules(file);
      } catch (error) {
        warn(`${messageOf(error)}; sites keep the default rule`);
      }
    }
  }
  return rules;
}

/** Whether the loader instruments `file` (a path): the user's own code, not node_modules unless LEAKPROOF_NODE_MODULES=1. */
export function shouldInstrument(file: string): boolean {
  if (!path.isAbsolute(file) || file.startsWith(OWN_ROOT)) return false;
  return includeNodeModules || !file.includes(NODE_MODULES);
}

/** The instrumented code, or the code unchanged (with one stderr line) when it cannot be parsed. */
export function transform(code: string, file: string, format: ModuleFormat): string {
  try {
    const result = instrument(code, file, format, lintRules(), { allViews });
    if (result.warning) warn(`${result.warning}; its sites name the generated code`);
    return result.code;
  } catch (error) {
    const message = messageOf(error);
    warn(`${file}: cannot parse (${message}); this file runs uninstrumented`);
    return code;
  }
}
