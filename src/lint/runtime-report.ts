import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { UsageError } from '../cli/io';

/** One site of a `report()` from leakproof/runtime: where views were made and what they still keep. */
export interface RuntimeSite {
  file: string;
  line: number;
  column: number;
  rule: string;
  liveViews: number;
  retainedBytes: number;
  usedBytes: number;
}

/** A static finding confirmed by the runtime, or a runtime site with no static finding. */
export interface RuntimeMerge {
  confirmed: number;
  missed: RuntimeSite[];
}

function isSite(value: unknown): value is RuntimeSite {
  if (typeof value !== 'object' || value === null) return false;
  const site = value as Record<string, unknown>;
  return (
    typeof site.file === 'string' &&
    typeof site.line === 'number' &&
    typeof site.column === 'number' &&
    typeof site.rule === 'string' &&
    typeof site.liveViews === 'number' &&
    typeof site.retainedBytes === 'number' &&
    typeof site.usedBytes === 'number'
  );
}

/** Reads a `report()` written as JSON; a missing or malformed file is a usage error with one line. */
export function readRuntimeReport(file: string, cwd: string): RuntimeSite[] {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch {
    throw new UsageError(`runtime report not found: ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`runtime report ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sites = (parsed as { sites?: unknown })?.sites;
  if (!Array.isArray(sites)) throw new UsageError(`runtime report ${file} has no "sites" array (write it with JSON.stringify(report()))`);
  const bad = sites.findIndex((site) => !isSite(site));
  if (bad >= 0) throw new UsageError(`runtime report ${file}: sites[${bad}] lacks file, line, column, rule, liveViews, retainedBytes or usedBytes`);
  return (sites as RuntimeSite[]).map((site) => ({ ...site, file: path.resolve(path.dirname(absolute), site.file) }));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * Pairs runtime sites with static findings of the same rule on the same line of the same file. A
 * confirmed finding's message gains what the runtime measured; a site no rule reported is added as a
 * warning, so that what the rules missed is visible in the same output.
 */
export function mergeRuntimeReport(results: ESLint.LintResult[], sites: readonly RuntimeSite[]): RuntimeMerge {
  const byFile = new Map(results.map((result) => [path.resolve(result.filePath), result]));
  let confirmed = 0;
  const missed: RuntimeSite[] = [];
  for (const site of sites) {
    const result = byFile.get(path.resolve(site.file));
    const match = result?.messages.find((message) => message.ruleId === site.rule && message.line === site.line);
    if (match) {
      match.message += ` Confirmed at runtime: ${site.liveViews} live view(s) keep ${formatBytes(site.retainedBytes)} for ${formatBytes(site.usedBytes)} used.`;
      confirmed++;
      continue;
    }
    missed.push(site);
    const message: Linter.LintMessage = {
      ruleId: site.rule,
      severity: 1,
      message: `Runtime: ${site.liveViews} live view(s) made here keep ${formatBytes(site.retainedBytes)} for ${formatBytes(site.usedBytes)} used, and no static finding covers this line.`,
      line: site.line,
      column: site.column,
    };
    if (result) {
      result.messages.push(message);
      result.warningCount++;
    } else {
      const added = {
        filePath: site.file,
        messages: [message],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      } as ESLint.LintResult;
      results.push(added);
      byFile.set(path.resolve(site.file), added);
    }
  }
  return { confirmed, missed };
}
