import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { UsageError } from '../errors';
import { formatBytes } from './bytes';

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

/** What the runtime measured at a site, carried on the lint message it confirms or adds (SARIF `properties`). */
export interface RuntimeMeasure {
  liveViews: number;
  retainedBytes: number;
  usedBytes: number;
  /** True when a static finding of the same rule covers the site's line; false for a site the rules missed. */
  confirmed: boolean;
}

/** A lint message with what the runtime measured at its line, when it did. */
export type MergedMessage = Linter.LintMessage & { runtime?: RuntimeMeasure };
export type MergedResult = Omit<ESLint.LintResult, 'messages'> & { messages: MergedMessage[] };

/** The lint results with the runtime's measurements merged in (new objects; ESLint's are left as they were). */
export interface RuntimeMerge {
  results: MergedResult[];
  /** Static findings the runtime confirmed. */
  confirmed: number;
  /** Runtime sites no static finding covers. */
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

/**
 * Reads a `report()` written as JSON; a missing or malformed file is a usage error with one line. Site
 * paths are resolved against the report's directory; `root`, when given, is the directory the report was
 * recorded under (a container's `/app`, a CI checkout), and paths under it are mapped onto `cwd`.
 */
export function readRuntimeReport(file: string, cwd: string, root?: string): RuntimeSite[] {
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
  const mapped = root === undefined ? undefined : mapRoot(root, cwd);
  if (mapped) {
    const inside = (sites as RuntimeSite[]).filter((site) => mapped(site.file) !== undefined).length;
    if (inside === 0 && sites.length > 0) {
      throw new UsageError(`runtime report ${file}: no site is under --runtime-root ${root} (the first is ${(sites[0] as RuntimeSite).file})`);
    }
  }
  return (sites as RuntimeSite[]).map((site) => ({ ...site, file: mapped?.(site.file) ?? path.resolve(path.dirname(absolute), site.file) }));
}

/**
 * A function mapping a path recorded under `root` (POSIX or Windows separators, as the recording machine
 * wrote it) to the same path under `cwd`; undefined for a path outside `root`.
 */
function mapRoot(root: string, cwd: string): (file: string) => string | undefined {
  const slashes = (text: string) => text.split('\\').join('/');
  const prefix = `${slashes(root).replace(/\/+$/, '')}/`;
  return (file) => {
    const recorded = slashes(file);
    if (!recorded.startsWith(prefix)) return undefined;
    return path.resolve(cwd, ...recorded.slice(prefix.length).split('/'));
  };
}

/**
 * Pairs runtime sites with static findings of the same rule on the same line of the same file. A
 * confirmed finding's message gains what the runtime measured; a site no rule reported is added as a
 * warning, so that what the rules missed is visible in the same output. ESLint's results are not
 * changed: the merged results are copies.
 */
export function mergeRuntimeReport(results: readonly ESLint.LintResult[], sites: readonly RuntimeSite[]): RuntimeMerge {
  const merged: MergedResult[] = results.map((result) => ({ ...result, messages: result.messages.map((message) => ({ ...message })) }));
  const byFile = new Map(merged.map((result) => [path.resolve(result.filePath), result]));
  let confirmed = 0;
  const missed: RuntimeSite[] = [];
  for (const site of sites) {
    const result = byFile.get(path.resolve(site.file));
    const match = result?.messages.find((message) => message.ruleId === site.rule && message.line === site.line);
    const measure = (isConfirmed: boolean): RuntimeMeasure => ({
      liveViews: site.liveViews,
      retainedBytes: site.retainedBytes,
      usedBytes: site.usedBytes,
      confirmed: isConfirmed,
    });
    if (match) {
      match.message += ` ${confirmedText(site)}`;
      match.runtime = measure(true);
      confirmed++;
      continue;
    }
    missed.push(site);
    const message: MergedMessage = {
      ruleId: site.rule,
      severity: 1,
      message: missedText(site),
      line: site.line,
      column: site.column,
      runtime: measure(false),
    };
    if (result) {
      result.messages.push(message);
      result.warningCount++;
    } else {
      const added: MergedResult = {
        filePath: site.file,
        messages: [message],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      };
      merged.push(added);
      byFile.set(path.resolve(site.file), added);
    }
  }
  return { results: merged, confirmed, missed };
}

function confirmedText(site: RuntimeSite): string {
  return `Confirmed at runtime: ${site.liveViews} live view(s) keep ${formatBytes(site.retainedBytes)} for ${formatBytes(site.usedBytes)} used.`;
}

function missedText(site: RuntimeSite): string {
  return `Runtime: ${site.liveViews} live view(s) made here keep ${formatBytes(site.retainedBytes)} for ${formatBytes(site.usedBytes)} used, and no static finding covers this line.`;
}
