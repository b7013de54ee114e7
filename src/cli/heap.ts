import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeHeapSnapshot,
  DEFAULT_MIN_BYTES,
  DEFAULT_MIN_PARENT_BYTES,
  DEFAULT_POOL_SIZE,
  DEFAULT_TOP,
  hasFindings,
  HeapSnapshotError,
  type HeapAnalysis,
  type HeapAnalysisProgress,
} from '../heap';
import { helpText, parseArgs, type OptionSpec } from './args';
import { EXIT, UsageError, type CliIO } from './io';
import { formatBytes } from '../report/bytes';
import { heapLogicalLocation } from '../report/heap';
import { leakproofRulesMeta } from './rules-meta';
import { toSarif, type SarifFinding } from '../report/sarif';

export type HeapFormat = 'text' | 'json' | 'sarif';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'top', type: 'string', value: 'N', description: `show the N largest groups of each kind (default ${DEFAULT_TOP}; 0 shows all)` },
  {
    name: 'min-bytes',
    type: 'string',
    value: 'B',
    description: `hide groups that would free less than B bytes (default ${DEFAULT_MIN_BYTES}; suffixes k, m, g: 64k)`,
  },
  { name: 'json', type: 'boolean', description: 'print the result as JSON (same as --format json; schema in docs/heap.md)' },
  { name: 'format', type: 'string', value: 'FORMAT', description: 'output format', choices: ['text', 'json', 'sarif'] },
  {
    name: 'pool-size',
    type: 'string',
    value: 'B',
    description: `Buffer pool slab size when the snapshot does not show it (default ${DEFAULT_POOL_SIZE}, Node <= 26.2; 65536 from 26.3)`,
  },
  {
    name: 'min-parent-bytes',
    type: 'string',
    value: 'B',
    description: `report a sliced string's parent from this size up (default ${DEFAULT_MIN_PARENT_BYTES})`,
  },
  {
    name: 'source',
    type: 'string',
    value: 'DIR',
    description: 'lint DIR as `leakproof lint` does and pair each group with the findings that keep the same holder (docs/heap.md)',
  },
  { name: 'progress', type: 'boolean', description: 'print progress on standard error even when it is not a terminal' },
  { name: 'help', type: 'boolean', description: 'show this help' },
];

const USAGE = `Usage: leakproof heap FILE.heapsnapshot [options]

Reads a V8 heap snapshot (node --heapsnapshot-signal=SIGUSR2, v8.writeHeapSnapshot(), Chrome DevTools)
and reports, largest first: ArrayBuffers kept alive only through views, Buffer-pool slabs pinned by
Buffers, and strings kept alive only by sliced pieces, each grouped by its retaining path.`;

const FOOTER = `Exit codes: 0 nothing found, 1 findings, 2 missing, empty, truncated or non-snapshot file, or bad options.
Docs: docs/heap.md`;

export interface HeapCommand {
  help: boolean;
  file: string;
  format: HeapFormat;
  top: number;
  minBytes: number;
  poolSize: number;
  minParentBytes: number;
  progress: boolean;
  /** `--source DIR`: absolute path of the source to lint and pair with the groups. */
  source?: string;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `65536`, `64k`, `1.5MB` → bytes (binary units). */
export function parseBytes(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new UsageError(`--${option} must be a byte count such as 65536 or 64k, not "${text}"`);
  return Math.round(Number(match[1]) * unit);
}

function parseCount(option: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--${option} must be a whole number, not "${text}"`);
  return Number(text);
}

function existingPath(given: string, cwd: string): string {
  const resolved = path.resolve(cwd, given);
  if (!fs.existsSync(resolved)) throw new UsageError(`--source: no such file or directory: ${given}`);
  return resolved;
}

/** Parses and validates `leakproof heap` arguments; throws `UsageError` with one line. */
export function parseHeapArgs(argv: readonly string[], cwd: string): HeapCommand {
  const { positionals, options } = parseArgs(argv, OPTIONS);
  const str = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const help = options.help === true;
  if (!help && positionals.length === 0) throw new UsageError('heap: missing FILE.heapsnapshot (see leakproof heap --help)');
  if (positionals.length > 1) throw new UsageError(`heap: one snapshot at a time, got ${positionals.length} files`);
  const format = (str('format') as HeapFormat | undefined) ?? 'text';
  if (options.json === true && str('format') !== undefined && format !== 'json') {
    throw new UsageError(`--json and --format ${format} contradict each other`);
  }
  const poolSize = str('pool-size') !== undefined ? parseBytes('pool-size', str('pool-size') as string) : DEFAULT_POOL_SIZE;
  if (poolSize <= 0) throw new UsageError('--pool-size must be more than 0');
  return {
    help,
    file: positionals.length ? path.resolve(cwd, positionals[0]) : '',
    format: options.json === true ? 'json' : format,
    top: str('top') !== undefined ? parseCount('top', str('top') as string) : DEFAULT_TOP,
    minBytes: str('min-bytes') !== undefined ? parseBytes('min-bytes', str('min-bytes') as string) : DEFAULT_MIN_BYTES,
    poolSize,
    minParentBytes:
      str('min-parent-bytes') !== undefined ? parseBytes('min-parent-bytes', str('min-parent-bytes') as string) : DEFAULT_MIN_PARENT_BYTES,
    progress: options.progress === true,
    ...(str('source') !== undefined ? { source: existingPath(str('source') as string, cwd) } : {}),
  };
}

export function heapHelp(): string {
  return helpText(USAGE, OPTIONS, FOOTER);
}

function percent(share: number): string {
  const value = share * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)}%`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function classes(map: Record<string, number>): string {
  return Object.entries(map)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name, n]) => (Object.keys(map).length > 1 ? `${name} ×${n}` : name))
    .join(', ');
}

function ids(list: number[]): string {
  return list.map((id) => `@${id}`).join(' ');
}

/** The default report: one block per kind, then a one-screen summary. Pure: same result, same text. */
export function formatHeapText(analysis: HeapAnalysis, file: string): string {
  const s = analysis.summary;
  const pad = 10;
  const out: string[] = [];
  const poolFrom =
    analysis.poolSize.source === 'allocPool'
      ? "from the snapshot: lib/buffer.js's allocPool"
      : analysis.poolSize.source === 'shared-slabs'
        ? 'from the snapshot: the size most Buffers share'
        : 'not in the snapshot; --pool-size or the default, Node <= 26.2';
  out.push(`${file}`);
  out.push(
    `  ${formatBytes(s.fileBytes)} snapshot, ${count(s.nodeCount, 'node')}, ${count(s.edgeCount, 'edge')}; ` +
      `heap ${formatBytes(s.totalBytes)}, backing stores ${formatBytes(s.backingStoreBytes)} in ${count(s.arrayBuffers, 'ArrayBuffer')}, ` +
      `strings ${formatBytes(s.stringBytes)}`,
  );
  out.push(`  Buffer pool slab: ${formatBytes(analysis.poolSize.bytes)} (${poolFrom})`);
  const block = (title: string, lines: string[][]) => {
    out.push('', title);
    if (lines.length === 0) out.push('  none');
    for (const [head, path, examples] of lines) {
      out.push(`  ${head}`, `  ${' '.repeat(pad)}${path}`, `  ${' '.repeat(pad)}e.g. ${examples}`);
    }
  };
  block(
    'ArrayBuffers kept alive only through views (leakproof/no-retained-view)',
    analysis.retainedViews.map((g) => [
      `${formatBytes(g.bytes).padEnd(pad)}${count(g.arrayBuffers, 'ArrayBuffer')} through ${count(g.views, 'view')} (${classes(g.viewClasses)}), largest ${formatBytes(g.largestBytes)}`,
      g.path,
      ids(g.exampleIds),
    ]),
  );
  block(
    `Buffer-pool slabs pinned by Buffers (leakproof/no-retained-view)`,
    analysis.pinnedSlabs.map((g) => [
      `${formatBytes(g.bytes).padEnd(pad)}${count(g.slabs, 'slab')} of ${formatBytes(analysis.poolSize.bytes)} pinned by ${count(g.buffers, 'Buffer')}`,
      g.path,
      ids(g.exampleIds),
    ]),
  );
  block(
    'Strings kept alive only by sliced pieces (leakproof/no-retained-substring)',
    analysis.slicedStrings.map((g) => [
      `${formatBytes(g.bytes).padEnd(pad)}${count(g.parents, 'parent string')} kept by ${count(g.pieces, 'piece')}, largest ${formatBytes(g.largestBytes)}`,
      g.path,
      ids(g.exampleIds),
    ]),
  );
  const row = (name: string, e: HeapAnalysis['summary']['retainedViews'], of: string, shown: number) =>
    `  ${name.padEnd(20)}${formatBytes(e.bytes).padStart(10)}  ${percent(e.shareOfKind).padStart(4)} of ${of}, ${percent(e.shareOfHeap)} of heap` +
    `  (${count(e.groups, 'group')}${e.groups > shown ? `, ${shown} shown` : ''})`;
  out.push('', 'Summary: what would be freed');
  out.push(row('retained views', s.retainedViews, 'backing stores', analysis.retainedViews.length));
  out.push(row('pinned pool slabs', s.pinnedSlabs, 'backing stores', analysis.pinnedSlabs.length));
  out.push(row('sliced strings', s.slicedStrings, 'string bytes', analysis.slicedStrings.length));
  const omitted = analysis.omitted.retainedViews + analysis.omitted.pinnedSlabs + analysis.omitted.slicedStrings;
  if (omitted > 0) {
    out.push(
      `  ${count(omitted, 'smaller group')} not shown (--min-bytes ${analysis.options.minBytes}, --top ${analysis.options.top}); --min-bytes 0 --top 0 shows all`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** `--json`: the analysis as documented in docs/heap.md, plus the file it came from. */
export function formatHeapJson(analysis: HeapAnalysis, file: string, extra: Record<string, unknown> = {}): string {
  const { schemaVersion, ...rest } = analysis;
  return `${JSON.stringify({ schemaVersion, file, ...rest, ...extra }, null, 2)}\n`;
}

/**
 * One SARIF result per group. A heap group has no source line: its location is the snapshot file (when
 * given) and, logically, the class and property that retain it; freed bytes go in `properties`.
 */
export function heapFindings(analysis: HeapAnalysis, snapshotFile?: string): SarifFinding[] {
  const findings: SarifFinding[] = [];
  for (const g of analysis.retainedViews) {
    findings.push({
      ruleId: g.rule,
      level: 'warning',
      message: `${formatBytes(g.bytes)} in ${count(g.arrayBuffers, 'ArrayBuffer')} kept alive only through ${count(g.views, 'view')} at ${g.path}`,
      file: snapshotFile,
      logicalLocation: heapLogicalLocation(g.path),
      properties: { kind: 'retained-views', path: g.path, bytes: g.bytes, arrayBuffers: g.arrayBuffers, views: g.views, exampleIds: g.exampleIds },
    });
  }
  for (const g of analysis.pinnedSlabs) {
    findings.push({
      ruleId: g.rule,
      level: 'warning',
      message: `${count(g.slabs, 'Buffer-pool slab')} (${formatBytes(g.bytes)}) pinned by ${count(g.buffers, 'Buffer')} at ${g.path}`,
      file: snapshotFile,
      logicalLocation: heapLogicalLocation(g.path),
      properties: { kind: 'pinned-pool-slabs', path: g.path, bytes: g.bytes, slabs: g.slabs, buffers: g.buffers, exampleIds: g.exampleIds },
    });
  }
  for (const g of analysis.slicedStrings) {
    findings.push({
      ruleId: g.rule,
      level: 'warning',
      message: `${formatBytes(g.bytes)} in ${count(g.parents, 'string')} kept alive only by ${count(g.pieces, 'sliced piece')} at ${g.path}`,
      file: snapshotFile,
      logicalLocation: heapLogicalLocation(g.path),
      properties: { kind: 'sliced-strings', path: g.path, bytes: g.bytes, parents: g.parents, pieces: g.pieces, exampleIds: g.exampleIds },
    });
  }
  return findings;
}

export function formatHeap(analysis: HeapAnalysis, format: HeapFormat, file: string, cwd = process.cwd()): string {
  if (format === 'json') return formatHeapJson(analysis, file);
  if (format === 'sarif') return toSarif(heapFindings(analysis, file), { cwd, rulesMeta: leakproofRulesMeta() });
  return formatHeapText(analysis, file);
}

/** Progress lines for standard error: every 10% of the file, then each analysis phase. */
function progressPrinter(io: CliIO, label: string): (p: HeapAnalysisProgress) => void {
  let nextPercent = 10;
  const phases = { paths: 'retaining paths', retainers: 'retainers of buffers and strings', groups: 'grouping findings' } as const;
  return (p) => {
    if (p.phase === 'read') {
      const mb = (p.bytesRead / 1e6).toFixed(0);
      if (p.totalBytes) {
        const pct = Math.floor((p.bytesRead / p.totalBytes) * 100);
        if (pct < nextPercent && pct < 100) return;
        nextPercent = pct + 10;
        io.stderr(`leakproof: reading ${label} ${pct}% (${mb} of ${(p.totalBytes / 1e6).toFixed(0)} MB)\n`);
      } else {
        io.stderr(`leakproof: reading ${label} (${mb} MB)\n`);
      }
      return;
    }
    io.stderr(`leakproof: ${phases[p.phase]}\n`);
  };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const command = parseHeapArgs(argv, io.cwd);
  if (command.help) {
    io.stdout(heapHelp());
    return EXIT.clean;
  }
  const shown = path.relative(io.cwd, command.file) || command.file;
  const label = shown.startsWith('..') ? command.file : shown;
  let analysis: HeapAnalysis;
  try {
    analysis = await analyzeHeapSnapshot(command.file, {
      top: command.top,
      minBytes: command.minBytes,
      poolSize: command.poolSize,
      minParentBytes: command.minParentBytes,
      label,
      onProgress: io.isTTY || command.progress ? progressPrinter(io, label) : undefined,
    });
  } catch (error) {
    if (error instanceof HeapSnapshotError) throw new UsageError(error.message);
    throw error;
  }
  if (command.source !== undefined) {
    // Loaded here: without --source, `leakproof heap` never loads ESLint or TypeScript.
    const paired = require('./heap-source') as typeof import('./heap-source');
    const run = await paired.pairWithSource(analysis, command.source, io);
    if (command.format === 'json') io.stdout(formatHeapJson(analysis, label, { source: paired.heapSourceJson(run) }));
    else if (command.format === 'sarif') io.stdout(toSarif(paired.heapSourceFindings(run, formatBytes), { cwd: io.cwd, rulesMeta: leakproofRulesMeta() }));
    else io.stdout(formatHeapText(analysis, label) + paired.formatHeapSourceText(run, formatBytes));
    return hasFindings(analysis) ? EXIT.findings : EXIT.clean;
  }
  io.stdout(formatHeap(analysis, command.format, label, io.cwd));
  return hasFindings(analysis) ? EXIT.findings : EXIT.clean;
}
