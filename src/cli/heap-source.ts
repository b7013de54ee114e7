import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HeapAnalysis } from '../heap';
import { lintProject } from '../lint/run';
import { holderText, matchHeapToSource, type HeapGroupKind, type HeapSourceReport, type StaticFinding } from '../report/heap-source';
import type { CliIO } from './io';
import type { SarifFinding } from '../report/sarif';

/** `leakproof heap SNAPSHOT --source DIR`: lints DIR as `leakproof lint` does and pairs heap groups with findings. */
export interface HeapSourceRun {
  report: HeapSourceReport;
  /** The source path as given, relative to the working directory when inside it. */
  source: string;
  cwd: string;
}

/** Lints `source` (a directory or file) with leakproof's presets or the project's config, then matches. */
export async function pairWithSource(analysis: HeapAnalysis, source: string, io: CliIO): Promise<HeapSourceRun> {
  const outcome = await lintProject({ paths: [source], cwd: io.cwd, fix: false });
  for (const { project, reason, files } of outcome.brokenProjects) {
    io.stderr(`leakproof: ${path.relative(io.cwd, project) || project}: ${reason}; ${files} of its files linted without type information\n`);
  }
  for (const { file, problem } of outcome.projectConfigs) {
    if (problem) io.stderr(`leakproof: ${path.relative(io.cwd, file) || file}: ${problem}; linting its files with leakproof's presets\n`);
  }
  const findings: StaticFinding[] = [];
  for (const result of outcome.results) {
    for (const message of result.messages) {
      if (!message.ruleId) continue;
      findings.push({
        ruleId: message.ruleId,
        file: result.filePath,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        message: message.message,
      });
    }
  }
  const files = outcome.results.map((result) => result.filePath);
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const shown = path.relative(io.cwd, path.resolve(io.cwd, source));
  return { report: matchHeapToSource(analysis, findings, files, read), source: shown.startsWith('..') ? source : shown || '.', cwd: io.cwd };
}

type FormatBytes = (bytes: number) => string;

const KIND_PHRASES: Record<HeapGroupKind, string> = {
  'retained-views': 'kept alive only through views',
  'pinned-pool-slabs': 'pinned by small Buffers',
  'sliced-strings': 'kept alive only by sliced pieces',
};

const KIND_UNITS: Record<HeapGroupKind, [string, string]> = {
  'retained-views': ['ArrayBuffer', 'ArrayBuffers'],
  'pinned-pool-slabs': ['pool slab', 'pool slabs'],
  'sliced-strings': ['parent string', 'parent strings'],
};

function relative(run: HeapSourceRun, file: string): string {
  return (path.relative(run.cwd, file) || file).split(path.sep).join('/');
}

function units(kind: HeapGroupKind, n: number): string {
  return `${n.toLocaleString('en-US')} ${KIND_UNITS[kind][n === 1 ? 0 : 1]}`;
}

function where(run: HeapSourceRun, at: { file: string; line: number; column: number }): string {
  return `${relative(run, at.file)}:${at.line}:${at.column}`;
}

/** The text block printed after the heap report: groups with their source, then each finding's status. */
export function formatHeapSourceText(run: HeapSourceRun, formatBytes: FormatBytes): string {
  const { groups, findings } = run.report;
  const pad = 10;
  const out: string[] = ['', `Heap groups and the source (leakproof lint ${run.source})`];
  if (groups.length === 0) out.push('  no groups to match');
  for (const group of groups) {
    out.push(`  ${formatBytes(group.bytes).padEnd(pad)}${units(group.kind, group.count)} (${group.rule})`);
    out.push(`  ${' '.repeat(pad)}${group.path}`);
    const holder = group.holder ? holderText(group.holder) : undefined;
    if (group.findings.length > 0) {
      for (const i of group.findings) {
        const f = findings[i]!.finding;
        out.push(`  ${' '.repeat(pad)}↳ ${where(run, f)} ${f.ruleId} (kept in ${holder})`);
      }
    } else if (group.declaration) {
      out.push(`  ${' '.repeat(pad)}↳ ${where(run, group.declaration)} ${holder} is declared here: no rule reports this`);
    } else {
      out.push(`  ${' '.repeat(pad)}↳ no rule reports this${holder ? `; ${holder} is not declared in ${run.source}` : '; the path names no class property or variable'}`);
    }
  }
  const matchable = findings.filter((s) => s.sink !== undefined);
  out.push('', `Static findings in ${run.source} that a heap snapshot can confirm`);
  if (matchable.length === 0) out.push('  none');
  for (const status of matchable) {
    const f = status.finding;
    const verdict = status.confirmed
      ? `confirmed: ${formatBytes(status.bytes)} in ${status.count.toLocaleString('en-US')} ${status.groups.length === 1 ? `${KIND_UNITS[groupKind(run, status.groups[0]!)][status.count === 1 ? 0 : 1]}` : 'objects'}`
      : 'not seen in this snapshot';
    out.push(`  ${where(run, f)} ${f.ruleId} (kept in ${holderText(status.sink!)}): ${verdict}`);
  }
  const others = findings.length - matchable.length;
  if (others > 0) out.push(`  (${others.toLocaleString('en-US')} other finding${others === 1 ? '' : 's'} name no stored value a snapshot shows: run leakproof lint ${run.source})`);
  return `${out.join('\n')}\n`;
}

function groupKind(run: HeapSourceRun, index: number): HeapGroupKind {
  return run.report.groups[index]!.kind;
}

/** `--json`: the heap analysis' fields plus `source`: groups with their findings or declaration, and each finding's status. */
export function heapSourceJson(run: HeapSourceRun): Record<string, unknown> {
  const { groups, findings } = run.report;
  const finding = (f: StaticFinding) => ({ file: relative(run, f.file), line: f.line, column: f.column, ruleId: f.ruleId, message: f.message });
  return {
    path: run.source,
    groups: groups.map((g) => ({
      kind: g.kind,
      rule: g.rule,
      path: g.path,
      bytes: g.bytes,
      count: g.count,
      holder: g.holder ?? null,
      findings: g.findings.map((i) => finding(findings[i]!.finding)),
      declaration: g.declaration ? { file: relative(run, g.declaration.file), line: g.declaration.line, column: g.declaration.column } : null,
      reported: g.findings.length > 0,
    })),
    findings: findings
      .filter((s) => s.sink !== undefined)
      .map((s) => ({ ...finding(s.finding), sink: s.sink, status: s.confirmed ? 'confirmed' : 'not-seen', bytes: s.bytes, count: s.count })),
  };
}

/**
 * SARIF with physical locations: a matched group becomes a result at each of its findings, an unmatched
 * one at its holder's declaration (or without a location when none was found), and a finding not seen
 * in the snapshot a `note` at its line.
 */
export function heapSourceFindings(run: HeapSourceRun, formatBytes: FormatBytes): SarifFinding[] {
  const { groups, findings } = run.report;
  const results: SarifFinding[] = [];
  for (const g of groups) {
    const what = `${formatBytes(g.bytes)} in ${units(g.kind, g.count)} ${KIND_PHRASES[g.kind]} at ${g.path}`;
    const properties = { kind: g.kind, path: g.path, bytes: g.bytes, count: g.count, exampleIds: g.exampleIds };
    if (g.findings.length > 0) {
      for (const i of g.findings) {
        const f = findings[i]!.finding;
        results.push({
          ruleId: f.ruleId,
          level: 'warning',
          message: `Confirmed by a heap snapshot: ${what}. ${f.message}`,
          file: relative(run, f.file),
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          properties: { ...properties, heap: 'confirmed' },
        });
      }
    } else {
      const holder = g.holder ? holderText(g.holder) : undefined;
      results.push({
        ruleId: g.rule,
        level: 'warning',
        message: `Seen in a heap snapshot, no rule reports this: ${what}${holder ? ` (${holder} is declared here)` : ''}`,
        ...(g.declaration ? { file: relative(run, g.declaration.file), line: g.declaration.line, column: g.declaration.column } : {}),
        properties: { ...properties, heap: 'unreported' },
      });
    }
  }
  for (const status of findings) {
    if (!status.sink || status.confirmed) continue;
    const f = status.finding;
    results.push({
      ruleId: f.ruleId,
      level: 'note',
      message: `Not seen in this heap snapshot: ${f.message}`,
      file: relative(run, f.file),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      properties: { heap: 'not-seen' },
    });
  }
  return results;
}
