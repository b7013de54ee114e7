import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeRule } from '../runtime/types';
import type { RuleLookup } from './instrument';
import { messageOf } from './message';

interface LintMessage {
  ruleId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Reads a lint result (`leakproof --format json`, or ESLint's `json` formatter: an array of
 * `{ filePath, messages: [{ ruleId, line, column, endLine, endColumn }] }`) and answers, for a site, the
 * leakproof rule reported on its line: the message whose range holds the site's column, else the
 * first on that line. Throws an Error with one line when the file cannot be read or is not that shape.
 */
export function readLintRules(file: string): RuleLookup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`LEAKPROOF_LINT=${file}: ${messageOf(error).split('\n')[0]}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`LEAKPROOF_LINT=${file}: not a lint result (an array of { filePath, messages }); write one with leakproof --format json`);
  const byFile = new Map<string, Map<number, LintMessage[]>>();
  const base = path.dirname(path.resolve(file));
  parsed.forEach((result: unknown, index: number) => {
    const { filePath, messages } = (result ?? {}) as { filePath?: unknown; messages?: unknown };
    if (typeof filePath !== 'string' || !Array.isArray(messages)) {
      throw new Error(`LEAKPROOF_LINT=${file}: entry ${index} has no filePath or messages`);
    }
    const lines = new Map<number, LintMessage[]>();
    for (const message of messages as LintMessage[]) {
      if (typeof message?.ruleId !== 'string' || !message.ruleId.startsWith('leakproof/') || typeof message.line !== 'number') continue;
      const list = lines.get(message.line) ?? [];
      list.push(message);
      lines.set(message.line, list);
    }
    byFile.set(path.resolve(base, filePath), lines);
  });
  return (site: string, line: number, column: number): RuntimeRule | undefined => {
    const messages = byFile.get(path.resolve(site))?.get(line);
    if (messages === undefined) return undefined;
    const holding = messages.find(
      (message) => message.column <= column && (message.endLine === undefined || message.endLine > line || (message.endColumn ?? Infinity) >= column),
    );
    return (holding ?? messages[0]!).ruleId as RuntimeRule;
  };
}
