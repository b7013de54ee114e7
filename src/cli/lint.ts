import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint } from 'eslint';
import type { PresetName } from '../configs';
import { AUTO_FILES_PER_THREAD, type Concurrency } from '../lint/engine';
import { configForFile, lintProject, type LintOutcome } from '../lint/run';
import type { WorkerPool } from '../lint/pool';
import type { WarmPrograms } from '../lint/warm-programs';
import { formatResults, type LintFormat } from '../report/lint';
import { mergeRuntimeReport, readRuntimeReport, type MergedResult } from '../report/runtime';
import { helpText, parseArgs, type OptionSpec } from './args';
import { lintThroughDaemon } from './daemon-client';
import { EXIT, UsageError, type CliIO } from './io';

const PRESETS: readonly PresetName[] = ['recommended', 'recommended-type-checked', 'strict', 'all'];
export const DEFAULT_CACHE_LOCATION = '.leakproofcache';

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'fix', type: 'boolean', description: 'Apply safe autofixes to the files (never writes a file that no longer parses)' },
  { name: 'fix-dry-run', type: 'boolean', description: 'Compute the fixes without writing them (JSON output carries each fixed text as `output`)' },
  { name: 'format', alias: 'f', type: 'string', value: 'FORMAT', description: 'Output format, default stylish', choices: ['stylish', 'json', 'sarif'] },
  { name: 'output-file', alias: 'o', type: 'string', value: 'FILE', description: 'Write the report to FILE instead of standard output' },
  { name: 'config', alias: 'c', type: 'string', value: 'FILE', description: "Lint with this flat config file instead of leakproof's presets" },
  {
    name: 'preset',
    type: 'string',
    value: 'NAME',
    description: 'Lint every file with this preset (default: recommended-type-checked where a tsconfig covers the file, recommended elsewhere)',
    choices: PRESETS,
  },
  { name: 'quiet', type: 'boolean', description: 'Report errors only, not warnings' },
  { name: 'max-warnings', type: 'string', value: 'N', description: 'Exit 1 when there are more than N warnings' },
  { name: 'ignore-pattern', type: 'string', value: 'PATTERN', multiple: true, description: 'Leave out files matching PATTERN (as in a config\'s ignores; repeatable)' },
  { name: 'no-ignore', type: 'boolean', description: 'Lint what .gitignore, config ignores and --ignore-pattern leave out, and untracked build output' },
  { name: 'cache', type: 'boolean', description: `Only lint files changed since the last run (ESLint's cache, kept per leakproof version and settings)` },
  { name: 'cache-location', type: 'string', value: 'DIR', description: `Directory of the cache (default ${DEFAULT_CACHE_LOCATION})` },
  {
    name: 'concurrency',
    type: 'string',
    value: 'N',
    description: `Lint in N worker threads (ESLint's multithread linting), or off (the default), or auto: per group of files without type information, one thread per ${AUTO_FILES_PER_THREAD} files, at most half the cores, none below two; with --daemon, on the server's threads, kept warm between runs`,
  },
  { name: 'stdin', type: 'boolean', description: 'Lint the text on standard input' },
  { name: 'stdin-filename', type: 'string', value: 'FILE', description: 'The file the standard input text is (its tsconfig and config apply)' },
  { name: 'print-config', type: 'string', value: 'FILE', description: 'Print the configuration FILE would be linted with, and exit' },
  {
    name: 'runtime-report',
    type: 'string',
    value: 'FILE',
    description: 'Merge a leakproof/runtime report() (JSON): confirm findings, list sites the rules missed',
  },
  {
    name: 'runtime-root',
    type: 'string',
    value: 'DIR',
    description: "The directory the runtime report was recorded under (a container's /app): its paths are mapped onto the working directory",
  },
  { name: 'progress', type: 'boolean', description: 'Print progress on standard error (default: only on a terminal)' },
  { name: 'exit-zero', type: 'boolean', description: 'Exit 0 even when there are findings (usage errors still exit 2)' },
  {
    name: 'daemon',
    type: 'boolean',
    description: "Lint in the project's background server, which keeps type information between runs (started by the first run, which lints directly; see leakproof daemon --help)",
  },
  { name: 'help', alias: 'h', type: 'boolean', description: 'Show this help' },
];

export const USAGE = `Usage: leakproof [lint] [paths...] [options]

Lints with leakproof's rules and no set-up: recommended-type-checked for files a tsconfig.json covers,
recommended for the rest. Where the project's ESLint config sets leakproof rules or settings.leakproof,
those apply instead (its other rules and plugins do not run). Honours .gitignore (inside a git
repository), the config's ignores and --ignore-pattern; skips node_modules, and build output (dist,
build, coverage, .next, .turbo) that git does not track.`;

export const FOOTER =
  'Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage, configuration or input error, a file --fix could not write, or nothing to lint.';

export function lintHelp(): string {
  return helpText(USAGE, OPTIONS, FOOTER);
}

interface LintCommand {
  paths: string[];
  format: LintFormat;
  fix: boolean;
  fixDryRun: boolean;
  outputFile?: string;
  configFile?: string;
  preset?: PresetName;
  quiet: boolean;
  maxWarnings?: number;
  ignorePatterns: string[];
  ignore: boolean;
  cacheDir?: string;
  concurrency: Concurrency;
  stdin: boolean;
  stdinFilename?: string;
  printConfig?: string;
  runtimeReport?: string;
  runtimeRoot?: string;
  progress: boolean;
  exitZero: boolean;
  daemon: boolean;
}

/** Validates every option before any work: a bad value must not cost a full lint run. */
function parseLintArgs(argv: readonly string[], cwd: string): LintCommand | 'help' {
  const { positionals, options } = parseArgs(argv, OPTIONS);
  if (options.help) return 'help';
  const str = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const flag = (name: string) => options[name] === true;
  if (flag('fix') && flag('fix-dry-run')) throw new UsageError('The --fix option and the --fix-dry-run option cannot be used together.');
  if (flag('fix') && flag('stdin')) throw new UsageError('The --fix option is not available for piped-in code; use --fix-dry-run instead.');
  if (str('stdin-filename') !== undefined && !flag('stdin')) throw new UsageError('--stdin-filename needs --stdin');
  if (flag('stdin') && positionals.length > 0) throw new UsageError(`--stdin lints standard input, not paths (got ${positionals.join(' ')})`);
  if (str('preset') !== undefined && str('config') !== undefined) throw new UsageError('--preset and --config contradict each other: the config decides the rules');
  if (str('runtime-root') !== undefined && str('runtime-report') === undefined) throw new UsageError('--runtime-root needs --runtime-report FILE');
  const maxWarnings = str('max-warnings');
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number, not "${maxWarnings}"`);
  const concurrencyText = str('concurrency') ?? 'off';
  let concurrency: Concurrency;
  if (concurrencyText === 'auto' || concurrencyText === 'off') concurrency = concurrencyText;
  else if (/^[1-9]\d*$/.test(concurrencyText)) concurrency = Number(concurrencyText);
  else throw new UsageError(`--concurrency must be a positive whole number, auto or off, not "${concurrencyText}"`);
  return {
    paths: positionals,
    format: (str('format') as LintFormat | undefined) ?? 'stylish',
    fix: flag('fix'),
    fixDryRun: flag('fix-dry-run'),
    outputFile: str('output-file'),
    configFile: str('config'),
    preset: str('preset') as PresetName | undefined,
    quiet: flag('quiet'),
    maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
    ignorePatterns: (options['ignore-pattern'] as string[] | undefined) ?? [],
    ignore: !flag('no-ignore'),
    cacheDir: flag('cache') ? path.resolve(cwd, str('cache-location') ?? DEFAULT_CACHE_LOCATION) : undefined,
    concurrency,
    stdin: flag('stdin'),
    stdinFilename: str('stdin-filename'),
    printConfig: str('print-config'),
    runtimeReport: str('runtime-report'),
    runtimeRoot: str('runtime-root'),
    progress: flag('progress'),
    exitZero: flag('exit-zero'),
    daemon: flag('daemon'),
  };
}

/** `--quiet`: errors only, counts to match. */
function errorsOnly<T extends ESLint.LintResult | MergedResult>(results: readonly T[]): T[] {
  return results.map((result) => {
    const messages = (result.messages as ESLint.LintResult['messages']).filter((message) => message.severity === 2);
    return { ...result, messages, warningCount: 0, fixableWarningCount: 0 } as T;
  });
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function reportNotices(outcome: LintOutcome, io: CliIO): void {
  for (const { project, reason, files } of outcome.brokenProjects) {
    io.stderr(`leakproof: ${shown(project, io.cwd)}: ${reason}; ${files} of its files linted without type information\n`);
  }
  for (const { file, problem } of outcome.projectConfigs) {
    const name = shown(file, io.cwd);
    io.stderr(problem ? `leakproof: ${name}: ${problem}; linting its files with leakproof's presets\n` : `leakproof: using the leakproof rules and settings of ${name}\n`);
  }
  for (const { file, reason } of outcome.ignored) {
    io.stderr(`leakproof: warning: ${shown(file, io.cwd)} is ${reason}; not linted (--no-ignore lints it)\n`);
  }
  for (const { file, config } of outcome.unmatched) {
    io.stderr(`leakproof: ${shown(file, io.cwd)}: no configuration in ${shown(config, io.cwd)} matches this file; linted with leakproof's presets\n`);
  }
  for (const { thread, reason, file, files } of outcome.poolFailures) {
    io.stderr(`leakproof: warning: worker thread ${thread} of the daemon ${reason} while linting ${shown(file, io.cwd)}; it is replaced, and the ${files} files it had not finished were linted on the main thread\n`);
  }
  for (const file of outcome.readByEspree) {
    io.stderr(`leakproof: ${shown(file, io.cwd)}: TypeScript's parser rejects this JavaScript; read with ESLint's parser, without type information\n`);
  }
}

async function readStdin(io: CliIO): Promise<string> {
  if (io.readStdin) return io.readStdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The packages linting needs: optional peers of leakproof, so that `leakproof/runtime` installs alone. */
const LINT_PEERS = ['eslint', '@typescript-eslint/parser', '@typescript-eslint/utils', 'typescript'];

function checkLintPeers(): void {
  const missing = LINT_PEERS.filter((name) => {
    try {
      require.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new UsageError(`linting needs ${missing.join(', ')} (optional peers of leakproof): npm install --save-dev ${missing.join(' ')}`);
  }
}

/**
 * What the daemon lends each run it serves: its kept programs, its warm worker threads (used with
 * `--concurrency`), and a set to which the run adds the configuration files it read (the server stops
 * when one changes).
 */
export interface LintSession {
  programs: WarmPrograms;
  pool?: WorkerPool;
  configFiles: Set<string>;
}

export async function run(argv: string[], io: CliIO, session?: LintSession): Promise<number> {
  const command = parseLintArgs(argv, io.cwd);
  if (command === 'help') {
    io.stdout(lintHelp());
    return EXIT.clean;
  }
  if (command.daemon && !session) {
    // Options are checked above, so a bad one reads the same with and without --daemon. Standard input is
    // read once, here: the server gets its text, or this process lints it directly.
    const stdin = command.stdin ? await readStdin(io) : undefined;
    const outcome = await lintThroughDaemon(argv, io, stdin);
    if (outcome.exitCode !== undefined) return outcome.exitCode;
    try {
      return await lintDirectly(command, stdin === undefined ? io : { ...io, readStdin: async () => stdin });
    } finally {
      // After the direct run, so that starting the server does not slow it down.
      outcome.startServer?.();
    }
  }
  return lintDirectly(command, io, session);
}

async function lintDirectly(command: LintCommand, io: CliIO, session?: LintSession): Promise<number> {
  checkLintPeers();
  const sites = command.runtimeReport ? readRuntimeReport(command.runtimeReport, io.cwd, command.runtimeRoot) : undefined;
  const lintOptions = {
    paths: command.paths,
    cwd: io.cwd,
    fix: command.fix,
    fixDryRun: command.fixDryRun,
    // Written files' fixed texts are released as they are written, unless the report prints them.
    keepFixedText: command.format === 'json',
    configFile: command.configFile,
    preset: command.preset,
    ignore: command.ignore,
    ignorePatterns: command.ignorePatterns,
    cacheDir: command.cacheDir,
    concurrency: command.concurrency,
    programs: session?.programs,
    pool: session?.pool,
  };
  if (command.printConfig !== undefined) {
    const config = await configForFile(lintOptions, command.printConfig);
    if (config === undefined) throw new UsageError(`--print-config ${command.printConfig}: no configuration applies to this file (ignored?)`);
    io.stdout(`${JSON.stringify(config, null, 2)}\n`);
    return EXIT.clean;
  }
  const stdin = command.stdin ? { text: await readStdin(io), filePath: command.stdinFilename } : undefined;
  const showProgress = command.progress || io.isTTY;
  const outcome = await lintProject({
    ...lintOptions,
    stdin,
    onProgress: showProgress ? (done, total) => io.stderr(`leakproof: linted ${done}/${total} files\n`) : undefined,
  });
  for (const file of outcome.configFiles) session?.configFiles.add(file);
  reportNotices(outcome, io);
  if (outcome.results.length === 0) {
    const given = command.stdin ? 'standard input' : command.paths.length > 0 ? command.paths.join(' ') : '.';
    throw new UsageError(`nothing to lint in ${given}: no JavaScript or TypeScript file that is not ignored`);
  }
  const merge = sites ? mergeRuntimeReport(outcome.results, sites) : undefined;
  const merged: (ESLint.LintResult | MergedResult)[] = merge?.results ?? outcome.results;
  const results = command.quiet ? errorsOnly(merged) : merged;
  const output = await formatResults(results, command.format, { cwd: io.cwd, rulesMeta: outcome.rulesMeta });
  if (command.outputFile) {
    const file = path.resolve(io.cwd, command.outputFile);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, output);
    } catch (error) {
      throw new UsageError(`cannot write --output-file ${command.outputFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
    io.stdout(output);
  }
  for (const file of outcome.unwritten) io.stderr(`leakproof: left ${file.filePath} unchanged: ${file.reason}\n`);
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = command.maxWarnings !== undefined && warnings > command.maxWarnings;
  if (command.format === 'stylish' || command.outputFile) {
    const mode = `${outcome.typedFiles} with type information, ${outcome.untypedFiles} without`;
    const threads = outcome.threads > 0 ? ` in ${outcome.threads} worker threads` : '';
    io.stderr(`leakproof: ${outcome.results.length} files linted (${mode})${threads}${command.fix ? `, ${outcome.fixed.length} fixed` : ''}\n`);
    if (merge) io.stderr(`leakproof: runtime report: ${merge.confirmed} findings confirmed, ${merge.missed.length} sites with no static finding\n`);
  }
  if (tooManyWarnings) io.stderr(`leakproof: too many warnings: ${warnings} (maximum: ${command.maxWarnings})\n`);
  if (outcome.unwritten.length > 0) return EXIT.usage;
  if (command.exitZero) return EXIT.clean;
  return errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.clean;
}
