import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint as ESLintType, Linter } from 'eslint';
import type * as ts from 'typescript';
import type { PresetName } from '../configs';
import { UsageError } from '../errors';
import { cacheFileFor, createEngine, isTypeScriptParserLoaded, loadESLint, loadTypeScriptParser, poolThreadsFor, SOURCE_FILES, threadsFor, type Concurrency, type EngineSpec, type ProgramSource, type TypeProbes } from './engine';
import { findFiles, isLinted } from './files';
import { groupByChoice, readProjectConfig, type ConfigUse, type LeakproofChoice } from './project-config';
import type { PoolFailure, WorkerPool } from './pool';
import { createPartialProgram, groupByProject, programWithText, warmPartialProgram } from './projects';
import type { WarmPrograms } from './warm-programs';

export interface LintOptions {
  paths: readonly string[];
  cwd: string;
  /** Write the fixes. */
  fix: boolean;
  /** Compute the fixes (results carry `output`) without writing them. */
  fixDryRun?: boolean;
  /**
   * With `fix`: keep each written file's fixed text as the result's `output` (the JSON report prints it,
   * as ESLint's does). Otherwise it is released as soon as the file is written.
   */
  keepFixedText?: boolean;
  /** A flat config file to use instead of leakproof's presets. */
  configFile?: string;
  /** One preset for every file instead of recommended-type-checked (typed) and recommended (untyped). */
  preset?: PresetName;
  /** False: no .gitignore, config `ignores` or `--ignore-pattern` (`--no-ignore`). */
  ignore?: boolean;
  ignorePatterns?: readonly string[];
  /** ESLint's cache in this directory (`--cache`). */
  cacheDir?: string;
  concurrency?: Concurrency;
  /** Lint this text (`--stdin`) as the file `filePath` (`--stdin-filename`), instead of `paths`. */
  stdin?: { text: string; filePath?: string };
  onProgress?: (done: number, total: number) => void;
  /** A long-lived process's kept programs (`leakproof daemon`): a few staged files' program reuses their parsed files. */
  programs?: WarmPrograms;
  /**
   * A long-lived process's warm worker threads (`leakproof daemon`): with `concurrency`, a group without
   * type information is linted on them instead of on threads ESLint starts for this run.
   */
  pool?: WorkerPool;
}

export interface UnwrittenFix {
  filePath: string;
  reason: string;
}

export interface LintOutcome {
  results: ESLintType.LintResult[];
  rulesMeta: Record<string, unknown>;
  /** Files whose fixes were written. */
  fixed: string[];
  /** Files whose fixes were not written: the fixed text did not parse, or the file could not be written. */
  unwritten: UnwrittenFix[];
  typedFiles: number;
  untypedFiles: number;
  /** tsconfigs whose files (`files` of them) were linted without type information after all, and why. */
  brokenProjects: { project: string; reason: string; files: number }[];
  /** JavaScript files TypeScript's parser rejected and ESLint's parser, espree, read (without types). */
  readByEspree: string[];
  /** The project's ESLint configs used for their leakproof rules and settings, and those that could not be loaded. */
  projectConfigs: ConfigUse[];
  /** Files named on the command line that an ignore leaves out (not linted, as ESLint does), with why. */
  ignored: { file: string; reason: string }[];
  /** Files named on the command line that their ESLint config does not match: linted with the presets. */
  unmatched: { file: string; config: string }[];
  /** The configuration files the run read: tsconfigs (and what they extend) and ESLint configs. */
  configFiles: string[];
  /** The most worker threads a group of files was linted in (`--concurrency`; 0: none). */
  threads: number;
  /** Threads of the pool that crashed or hung in this run; the files they had not finished were linted on the main thread. */
  poolFailures: PoolFailure[];
}

const BATCH = 200;

let warningFilterInstalled = false;

/**
 * ESLint warns on stderr about a project's legacy `.eslintignore` file. In zero-config mode leakproof
 * uses neither that file nor the project's config, so the warning would only mislead.
 */
function silenceEslintIgnoreWarning(): void {
  if (warningFilterInstalled) return;
  warningFilterInstalled = true;
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const name = warning instanceof Error ? warning.name : type;
    if (name === 'ESLintIgnoreWarning') return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}

function loadTypeScript(): typeof ts | undefined {
  try {
    return require('typescript') as typeof ts;
  } catch {
    return undefined;
  }
}

/**
 * A few files of a large project (a pre-commit hook's staged files): a quarter of the project or less.
 * They get a program of their own (their imports and the project's declaration files) instead of the
 * whole project's, and are first linted without one (see `lintTypedFew`).
 */
function isFewOf(files: readonly string[], projectSize: number): boolean {
  return files.length * 4 <= projectSize;
}

function partialProgram(project: string, files: readonly string[], programs?: WarmPrograms): ts.Program | undefined {
  const tsApi = loadTypeScript();
  return tsApi ? createPartialProgram(project, files, tsApi, programs) : undefined;
}

/**
 * Loads what linting needs, parses and binds the files of `project` (with TypeScript's lib and `@types`
 * files) into `programs`, and lints one of its files, discarding the result: a daemon's first run is then
 * answered warm, by code already compiled and from files already parsed. `isAborted` is asked between steps.
 */
export async function warmUp(project: string | undefined, programs: WarmPrograms, isAborted: () => boolean): Promise<void> {
  loadESLint();
  require('../index');
  loadTypeScriptParser();
  const tsApi = loadTypeScript();
  const first = project && tsApi && !isAborted() ? warmPartialProgram(project, tsApi, programs) : undefined;
  if (first && !isAborted()) await lintProject({ paths: [first], cwd: path.dirname(project as string), fix: false, programs });
}

/**
 * Drops typescript-eslint's per-process programs (a `--stdin-filename` run's, a whole project's): a
 * long-lived process must not answer the next run from a program of files that have changed since.
 */
export function releaseParserCaches(): void {
  if (isTypeScriptParserLoaded()) loadTypeScriptParser().clearCaches();
}

/** The deepest directory containing every file (flat config ignores files outside its base path). */
function commonDir(files: readonly string[], fallback: string): string {
  if (files.length === 0) return fallback;
  let dir = path.dirname(files[0] as string);
  for (const file of files) {
    while (!`${file}`.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)) {
      const parent = path.dirname(dir);
      if (parent === dir) return dir;
      dir = parent;
    }
  }
  return dir;
}

const JAVASCRIPT = /\.(?:js|mjs|cjs|jsx)$/;

/** A result whose file TypeScript's parser could not read. */
function isRejectedJavaScript(result: ESLintType.LintResult): boolean {
  return JAVASCRIPT.test(result.filePath) && result.messages.some((message) => message.fatal && message.message.startsWith('Parsing error'));
}

interface Progress {
  done: number;
  total: number;
  report?: (done: number, total: number) => void;
}

/**
 * `--fix`: each file is written as soon as its result is final, and its fixed text released then, so
 * that a run holds one file's fixed text at a time instead of every file's until the end (as
 * `eslint --fix` does, which writes after `lintFiles` has returned every result).
 *
 * A result with a fatal message is not final: another parser may read the file again (espree for
 * JavaScript TypeScript's parser rejects, typescript-eslint's parser for a file its program lacks), and
 * the result that replaces it decides. Those wait for `finish`, which decides them as before: a fixed
 * text that does not parse is never written. ESLint's fix loop ends by linting the text it returns as
 * `output`, with the parser that read the file, so a fatal message is the parse error of that text (and
 * no fatal message means it parsed); parsing it again here would cost a second tree of every fixed file.
 * A file that cannot be written (read-only, removed, a directory now) is reported and the rest are
 * still written.
 */
class FixWriter {
  private readonly fixed: string[] = [];
  private readonly unwritten: UnwrittenFix[] = [];
  private readonly decided = new Set<string>();
  /** Files whose fixed text could not be written, not yet linted again without fixes. */
  private failed: string[] = [];

  constructor(private readonly keepText: boolean) {}

  /**
   * A file that could not be written keeps every finding, so its result is replaced by one of the file as
   * it is on disk, linted without fixes: a fix-mode result lists only what the fixes left, at positions of
   * a text that was never written. `lint` is an engine of the same settings with fixing off.
   */
  async relintUnwritten(results: ESLintType.LintResult[], lint: () => Promise<ESLintType>): Promise<void> {
    if (this.failed.length === 0) return;
    const files = this.failed;
    this.failed = [];
    const again = new Map((await (await lint()).lintFiles(files)).map((result) => [result.filePath, result]));
    for (let i = 0; i < results.length; i++) {
      const fresh = again.get(results[i]!.filePath);
      if (!fresh) continue;
      delete fresh.source;
      results[i] = fresh;
    }
  }

  /** Writes a result's fixes now unless a later pass may replace the result. */
  settle(result: ESLintType.LintResult): void {
    if (result.output === undefined || result.messages.some((message) => message.fatal)) return;
    this.write(result);
  }

  /** Decides the results that waited, once no pass replaces any; both lists in file order. */
  finish(results: readonly ESLintType.LintResult[]): { fixed: string[]; unwritten: UnwrittenFix[] } {
    for (const result of results) {
      if (result.output === undefined || this.decided.has(result.filePath)) continue;
      const fatal = result.messages.find((message) => message.fatal);
      if (fatal) {
        this.decided.add(result.filePath);
        this.unwritten.push({ filePath: result.filePath, reason: `its fixed text does not parse (${fatal.message})` });
      } else {
        this.write(result);
      }
    }
    const byFile = (a: string, b: string) => a.localeCompare(b);
    return { fixed: [...this.fixed].sort(byFile), unwritten: [...this.unwritten].sort((a, b) => byFile(a.filePath, b.filePath)) };
  }

  private write(result: ESLintType.LintResult): void {
    this.decided.add(result.filePath);
    try {
      fs.writeFileSync(result.filePath, result.output as string);
      this.fixed.push(result.filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.unwritten.push({ filePath: result.filePath, reason: `cannot write it (${code ?? (error instanceof Error ? error.message : String(error))})` });
      this.failed.push(result.filePath);
    }
    if (!this.keepText) delete result.output;
  }
}

/** How `lintBatches` hands out results: one file per ESLint call while fixing, and what to do with each batch. */
interface BatchPlan {
  /**
   * Lint one file per `lintFiles` call, so that its fixes are written before the next file is read
   * (ESLint reads a whole batch's files at once and returns their results together). Not with
   * `--cache`: ESLint saves its whole cache file at the end of every call.
   */
  fileByFile: boolean;
  /** Called with each batch's results as they come (the fix writer's `settle`). */
  take?: (result: ESLintType.LintResult) => void;
  /** The fix writer, which lints again the files it could not write. */
  writer?: FixWriter;
}

async function lintBatches(eslint: ESLintType, files: readonly string[], progress: Progress, concurrent: boolean, plan: BatchPlan = { fileByFile: false }): Promise<ESLintType.LintResult[]> {
  // Worker threads share out one list: batching would only add thread start-ups.
  const size = concurrent ? files.length : plan.fileByFile ? 1 : BATCH;
  const results: ESLintType.LintResult[] = [];
  for (let start = 0; start < files.length; start += size) {
    const batch = files.slice(start, start + size);
    for (const result of await eslint.lintFiles(batch)) {
      // Nothing leakproof prints reads the source ESLint attaches to a result with findings.
      delete result.source;
      plan.take?.(result);
      results.push(result);
    }
    progress.done += batch.length;
    // Progress every BATCH files and at the end, whatever the calls' size.
    const linted = start + batch.length;
    if (size >= BATCH || linted % BATCH === 0 || linted === files.length) progress.report?.(progress.done, progress.total);
  }
  return results;
}

/**
 * A group without type information on the daemon's warm threads (`options.pool`): each result is taken
 * (a `--fix` run writes it) as it arrives; the files of a thread that crashed or hung are linted here,
 * on this thread, as a direct run would, so that none is lost. `spec` has no concurrency of ESLint's.
 */
async function lintInPool(
  pool: WorkerPool,
  spec: EngineSpec,
  files: readonly string[],
  threads: number,
  progress: Progress,
  plan: BatchPlan,
  rulesMeta: Record<string, unknown>,
  failures: PoolFailure[],
): Promise<ESLintType.LintResult[]> {
  const run = await pool.lint(spec, files, threads, (result) => {
    plan.take?.(result);
    progress.done++;
    if (progress.done % BATCH === 0) progress.report?.(progress.done, progress.total);
  });
  failures.push(...run.failures);
  const eslint = await createEngine(spec);
  const linted = run.results;
  if (run.left.length > 0) linted.push(...(await lintBatches(eslint, run.left, progress, false, plan)));
  else if (progress.done % BATCH !== 0) progress.report?.(progress.done, progress.total);
  // This thread's ESLint knows the rules' meta once it has looked up the config of each directory.
  const byDir = new Map(linted.map((result) => [path.dirname(result.filePath), result.filePath]));
  for (const file of byDir.values()) await eslint.calculateConfigForFile(file);
  Object.assign(rulesMeta, eslint.getRulesMetaForResults(linted));
  await plan.writer?.relintUnwritten(linted, () => createEngine({ ...spec, cacheFile: undefined, fix: false }));
  return linted;
}

function emptyOutcome(): LintOutcome {
  return {
    results: [],
    rulesMeta: {},
    fixed: [],
    unwritten: [],
    typedFiles: 0,
    untypedFiles: 0,
    brokenProjects: [],
    readByEspree: [],
    projectConfigs: [],
    ignored: [],
    unmatched: [],
    configFiles: [],
    threads: 0,
    poolFailures: [],
  };
}

/**
 * A few files of a typed project, linted without the program first: building it (TypeScript's lib and
 * @types files parsed and bound) costs more than linting a few files. Each file's parse carries a probe
 * that the analysis marks when it asks anything types could answer; a file it never marked is settled,
 * since with the program every decision would be the same. Only the others get the program, built at
 * their first parse: with `--cache`, unchanged files are answered from ESLint's cache and build none.
 */
async function lintTypedFew(
  spec: EngineSpec,
  project: string,
  files: readonly string[],
  progress: Progress,
  rulesMeta: Record<string, unknown>,
  batches: BatchPlan,
  programs?: WarmPrograms,
): Promise<ESLintType.LintResult[]> {
  const probes: TypeProbes = new Map();
  const probe = await createEngine({ ...spec, project: undefined, cacheFile: undefined }, undefined, probes);
  const probed = await lintBatches(probe, files, { done: 0, total: files.length }, false);
  // A file no parse reached (a parse error) has no probe: the program decides it.
  const settled = probed.filter((result) => probes.get(result.filePath)?.asked === false);
  const done = new Set(settled.map((result) => result.filePath));
  const open = files.filter((file) => !done.has(file));
  Object.assign(rulesMeta, probe.getRulesMetaForResults(settled));
  progress.done += settled.length;
  progress.report?.(progress.done, progress.total);
  const linted: ESLintType.LintResult[] = [];
  if (open.length > 0) {
    let built: ts.Program | undefined | null = null;
    const program: ProgramSource = (filePath, text) => {
      if (built === null) built = partialProgram(project, open, programs);
      const source = built?.getSourceFile(filePath);
      if (built && source && source.text !== text) built = programWithText(built, filePath, text, loadTypeScript() as typeof ts);
      return built;
    };
    const eslint = await createEngine(spec, program);
    linted.push(...(await lintBatches(eslint, open, progress, false, batches)));
    Object.assign(rulesMeta, eslint.getRulesMetaForResults(linted));
    await batches.writer?.relintUnwritten(linted, () => createEngine({ ...spec, cacheFile: undefined, fix: false }, program));
  }
  // The settled files are written last: the program, built at the first open file, reads the files
  // they import from disk as they were before this run.
  if (batches.take) for (const result of settled) batches.take(result);
  await batches.writer?.relintUnwritten(settled, () => createEngine({ ...spec, project: undefined, cacheFile: undefined, fix: false }));
  return [...settled, ...linted];
}

/** How a file is linted in zero-config mode: which preset and tsconfig, and the project's own leakproof choice. */
interface FilePlan {
  files: string[];
  choices: Map<string, LeakproofChoice>;
  typed: Map<string, string[]>;
  untyped: string[];
  broken: Map<string, { reason: string; files: number }>;
  projectSizes: Map<string, number>;
  uses: ConfigUse[];
  ignored: LintOutcome['ignored'];
  unmatched: LintOutcome['unmatched'];
  configFiles: string[];
}

async function planFiles(options: LintOptions, paths: readonly string[]): Promise<FilePlan> {
  const ignore = options.ignore !== false;
  const found = findFiles(paths, options.cwd, { ignore });
  const projectConfig = await readProjectConfig(loadESLint(), found.files, options.cwd, {
    named: found.named,
    ignorePatterns: options.ignorePatterns ?? [],
    ignore,
    sourceFiles: SOURCE_FILES,
  });
  const groups = groupByProject(projectConfig.files, loadTypeScript);
  return {
    files: projectConfig.files,
    choices: projectConfig.choices,
    ...groups,
    uses: projectConfig.uses,
    ignored: [...found.ignored, ...projectConfig.ignored].sort((a, b) => a.file.localeCompare(b.file)),
    unmatched: projectConfig.unmatched,
    configFiles: [...projectConfig.configFiles, ...groups.configFiles],
  };
}

function specFor(options: LintOptions, preset: PresetName, extra: Pick<EngineSpec, 'cwd' | 'project' | 'choice' | 'espree'>): EngineSpec {
  const base = { ...extra, preset };
  return {
    ...base,
    fix: options.fix || options.fixDryRun === true,
    concurrency: options.concurrency ?? 'off',
    ...(options.cacheDir ? { cacheFile: cacheFileFor(options.cacheDir, base) } : {}),
  };
}

export async function lintProject(options: LintOptions): Promise<LintOutcome> {
  silenceEslintIgnoreWarning();
  if (options.configFile) return lintWithConfig(options);
  if (options.stdin) return lintStdin(options, options.stdin);
  const plan = await planFiles(options, options.paths.length > 0 ? options.paths : ['.']);
  const progress: Progress = { done: 0, total: plan.files.length, report: options.onProgress };
  const writer = options.fix ? new FixWriter(options.keepFixedText === true) : undefined;
  const batches: BatchPlan = { fileByFile: writer !== undefined && !options.cacheDir, take: writer && ((result) => writer.settle(result)), writer };
  const results: ESLintType.LintResult[] = [];
  const rulesMeta: Record<string, unknown> = {};
  let threads = 0;
  const poolFailures: PoolFailure[] = [];
  /** Lints `files` with `preset` (or the project's own leakproof choice for them), one ESLint per choice. */
  const lintGroup = async (groupFiles: readonly string[], preset: PresetName, extra: { project?: string; espree?: boolean }, counter: Progress = progress) => {
    const batch: ESLintType.LintResult[] = [];
    for (const { choice, files: subset } of groupByChoice(groupFiles, plan.choices)) {
      const spec = specFor(options, preset, { cwd: commonDir(extra.project ? [extra.project, ...subset] : subset, options.cwd), choice, ...extra });
      if (extra.project && isFewOf(subset, plan.projectSizes.get(extra.project) ?? 0)) {
        batch.push(...(await lintTypedFew(spec, extra.project, subset, counter, rulesMeta, batches, options.programs)));
        continue;
      }
      // A daemon's warm threads take a group without type information (with --cache, ESLint's threads
      // keep its cache file, as in a direct run).
      const poolThreads = options.pool && !extra.project && !options.cacheDir ? poolThreadsFor(spec.concurrency, subset.length) : 'off';
      if (options.pool && poolThreads !== 'off') {
        threads = Math.max(threads, Math.min(poolThreads, subset.length));
        batch.push(...(await lintInPool(options.pool, { ...spec, concurrency: 'off' }, subset, poolThreads, counter, batches, rulesMeta, poolFailures)));
        continue;
      }
      // In the daemon, files with type information stay on its main thread, which holds their programs.
      spec.concurrency = options.pool && extra.project ? 'off' : threadsFor(spec.concurrency, subset.length, extra.project !== undefined);
      if (spec.concurrency !== 'off') threads = Math.max(threads, Math.min(spec.concurrency as number, subset.length));
      const eslint = await createEngine(spec);
      const linted = await lintBatches(eslint, subset, counter, spec.concurrency !== 'off', batches);
      Object.assign(rulesMeta, eslint.getRulesMetaForResults(linted));
      await writer?.relintUnwritten(linted, () => createEngine({ ...spec, cacheFile: undefined, fix: false, concurrency: 'off' }));
      batch.push(...linted);
    }
    return batch;
  };
  const untyped = [...plan.untyped];
  const brokenProjects = [...plan.broken].map(([project, problem]) => ({ project, ...problem }));
  let typedFiles = 0;
  for (const [project, projectFiles] of plan.typed) {
    const batch = await lintGroup(projectFiles, options.preset ?? 'recommended-type-checked', { project });
    // Each project's TypeScript program must be freed before the next one is built, or a monorepo of
    // many tsconfigs runs out of memory: typescript-eslint caches it, and ESLint keeps the linter (with
    // the last file's program) reachable from the result objects it returned. Copies are plain data.
    // A file the tsconfig lists but typescript-eslint's program lacks (project references, for one)
    // fails to parse with types; it parses without them.
    const untypable = batch.filter((result) =>
      result.messages.some((message) => message.fatal && (message.message.includes('parserOptions.project') || message.message.includes('program instance'))),
    );
    if (untypable.length > 0) {
      untyped.push(...untypable.map((result) => result.filePath));
      progress.total += untypable.length;
      brokenProjects.push({ project, reason: 'typescript-eslint builds a program without some files it lists (project references?)', files: untypable.length });
    }
    typedFiles += batch.length - untypable.length;
    results.push(...batch.filter((result) => !untypable.includes(result)).map((result) => ({ ...result })));
    if (isTypeScriptParserLoaded()) loadTypeScriptParser().clearCaches();
  }
  // JavaScript that needs no type information is read by ESLint's own parser, espree, as `eslint` would:
  // typescript-estree's tree of a large generated file costs a third more memory. What espree rejects
  // (Flow-free JSX in .js is read; TypeScript-only syntax in a .js file is not) is read again by
  // typescript-eslint's parser, whose message stands when neither can read it.
  const untypedScripts = untyped.filter((file) => JAVASCRIPT.test(file));
  const untypedTypeScript = untyped.filter((file) => !JAVASCRIPT.test(file));
  if (untypedTypeScript.length > 0) results.push(...(await lintGroup(untypedTypeScript, options.preset ?? 'recommended', {})));
  if (untypedScripts.length > 0) {
    const read = await lintGroup(untypedScripts, options.preset ?? 'recommended', { espree: true });
    const unread = new Set(read.filter((result) => result.messages.some((message) => message.fatal && isParseError(message.message))));
    results.push(...read.filter((result) => !unread.has(result)));
    if (unread.size > 0) {
      const files = [...unread].map((result) => result.filePath);
      results.push(...(await lintGroup(files, options.preset ?? 'recommended', {}, { done: 0, total: files.length })));
    }
  }
  const readAsScripts = new Set(untypedScripts);
  const rejected = results.filter((result) => isRejectedJavaScript(result) && !readAsScripts.has(result.filePath));
  const readByEspree: string[] = [];
  if (rejected.length > 0) {
    const files = rejected.map((result) => result.filePath);
    const batch = await lintGroup(files, options.preset ?? 'recommended', { espree: true }, { done: 0, total: files.length });
    for (const result of batch) {
      if (result.messages.some((message) => message.fatal)) continue; // not JavaScript espree reads either
      results[results.findIndex((old) => old.filePath === result.filePath)] = result;
      readByEspree.push(result.filePath);
    }
  }
  // A file of a tsconfig that espree read was linted without type information after all.
  const untypedSet = new Set(untyped);
  const movedFromTyped = readByEspree.filter((file) => !untypedSet.has(file)).length;
  typedFiles -= movedFromTyped;
  results.sort((a, b) => a.filePath.localeCompare(b.filePath));
  const written = writer ? writer.finish(results) : { fixed: [], unwritten: [] };
  // Results decided only now (a fatal first pass replaced) whose file could not be written.
  if (writer) await writer.relintUnwritten(results, () => createEngine({ ...specFor(options, options.preset ?? 'recommended', { cwd: options.cwd }), cacheFile: undefined, fix: false, concurrency: 'off' }));
  for (const result of results) keepOwnFindings(result);
  return {
    results,
    rulesMeta,
    ...written,
    typedFiles,
    untypedFiles: untyped.length + movedFromTyped,
    brokenProjects,
    readByEspree,
    projectConfigs: plan.uses,
    ignored: plan.ignored,
    unmatched: plan.unmatched,
    configFiles: plan.configFiles,
    threads,
    poolFailures,
  };
}

/**
 * `--stdin`: the text is linted as `filePath` would be (its tsconfig, its config's leakproof choice),
 * or as JavaScript without type information when no file name is given.
 */
async function lintStdin(options: LintOptions, stdin: { text: string; filePath?: string }): Promise<LintOutcome> {
  const outcome = emptyOutcome();
  const filePath = stdin.filePath === undefined ? undefined : path.resolve(options.cwd, stdin.filePath);
  let preset: PresetName = options.preset ?? 'recommended';
  let project: string | undefined;
  let choice: LeakproofChoice | undefined;
  if (filePath !== undefined) {
    if (!isLinted(filePath)) throw new UsageError(`--stdin-filename ${stdin.filePath}: leakproof lints ${SOURCE_FILES.map((glob) => glob.slice(4)).join(', ')} files`);
    if (fs.existsSync(filePath)) {
      const plan = await planFiles({ ...options, stdin: undefined }, [filePath]);
      outcome.ignored = plan.ignored;
      outcome.unmatched = plan.unmatched;
      outcome.projectConfigs = plan.uses;
      outcome.configFiles = plan.configFiles;
      if (plan.files.length === 0) return outcome;
      const typed = [...plan.typed.keys()][0];
      if (typed) {
        project = typed;
        preset = options.preset ?? 'recommended-type-checked';
      }
      choice = plan.choices.get(filePath);
    }
  }
  const spec = specFor({ ...options, concurrency: 'off', cacheDir: undefined }, preset, { cwd: options.cwd, project, choice });
  const eslint = await createEngine(spec);
  const results = await eslint.lintText(stdin.text, filePath === undefined ? {} : { filePath, warnIgnored: true });
  for (const result of results) keepOwnFindings(result);
  outcome.results = results;
  outcome.rulesMeta = eslint.getRulesMetaForResults(results);
  if (project) outcome.typedFiles = results.length;
  else outcome.untypedFiles = results.length;
  return outcome;
}

/** The config leakproof would lint `file` with (`--print-config`), as ESLint prints it. */
export async function configForFile(options: LintOptions, file: string): Promise<unknown> {
  const absolute = path.resolve(options.cwd, file);
  if (options.configFile) {
    const eslint = new (loadESLint())(configModeOptions(options));
    return eslint.calculateConfigForFile(absolute);
  }
  if (!isLinted(absolute)) throw new UsageError(`--print-config ${file}: leakproof lints ${SOURCE_FILES.map((glob) => glob.slice(4)).join(', ')} files`);
  let project: string | undefined;
  let choice: LeakproofChoice | undefined;
  if (fs.existsSync(absolute)) {
    const plan = await planFiles({ ...options, ignore: false }, [absolute]);
    project = [...plan.typed.keys()][0];
    choice = plan.choices.get(absolute);
  }
  const preset = options.preset ?? (project ? 'recommended-type-checked' : 'recommended');
  const eslint = await createEngine({ ...specFor(options, preset, { cwd: commonDir(project ? [project, absolute] : [absolute], options.cwd), project, choice }), concurrency: 'off' });
  return eslint.calculateConfigForFile(absolute);
}

/** ESLint 10 reports a leftover `eslint-env` comment as fatal; only real parse errors block linting. */
function isParseError(message: string): boolean {
  return message.startsWith('Parsing error');
}

/**
 * Zero-config runs report leakproof's findings and parse errors only: a project's inline comments that
 * name its other rules ("Definition for rule ... was not found") are not the user's problem here.
 */
function keepOwnFindings(result: ESLintType.LintResult): void {
  const kept = result.messages.filter(
    (message) => message.ruleId?.startsWith('leakproof/') || (message.fatal && isParseError(message.message)),
  );
  if (kept.length === result.messages.length) return;
  result.messages = kept;
  result.errorCount = kept.filter((message) => message.severity === 2).length;
  result.warningCount = kept.filter((message) => message.severity === 1).length;
  result.fixableErrorCount = kept.filter((message) => message.severity === 2 && message.fix).length;
  result.fixableWarningCount = kept.filter((message) => message.severity === 1 && message.fix).length;
}

function configModeOptions(options: LintOptions): ESLintType.Options {
  const configFile = path.resolve(options.cwd, options.configFile as string);
  if (!fs.existsSync(configFile)) throw new UsageError(`config file not found: ${options.configFile}`);
  const overrides: Linter.Config = {
    // The config given may be leakproof's part of a larger lint: the project's disable comments for rules
    // it lacks are not unused, and `--fix` must not delete them.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  };
  return {
    cwd: options.cwd,
    overrideConfigFile: configFile,
    overrideConfig: overrides,
    fix: options.fix || options.fixDryRun === true,
    ignore: options.ignore !== false,
    ignorePatterns: [...(options.ignorePatterns ?? [])],
    ...(options.cacheDir ? { cache: true, cacheLocation: path.join(options.cacheDir, 'config') } : {}),
  };
}

async function lintWithConfig(options: LintOptions): Promise<LintOutcome> {
  const eslintOptions = configModeOptions(options);
  const ESLint = loadESLint();
  // `auto` counts the files leakproof would find under the paths (ESLint's own file search, by the
  // config's patterns, comes later); a pattern that is not a path counts none.
  let candidates = 0;
  if (options.concurrency === 'auto' && !options.stdin) {
    try {
      candidates = findFiles(options.paths.length > 0 ? options.paths : ['.'], options.cwd, { ignore: options.ignore !== false }).files.length;
    } catch {
      candidates = 0;
    }
  }
  const concurrency = options.stdin ? 'off' : threadsFor(options.concurrency ?? 'off', options.concurrency === 'auto' ? candidates : Number.POSITIVE_INFINITY, false);
  if (concurrency !== 'off') {
    // The config file is loaded by each worker itself; only `overrideConfig` must be plain data, which it is.
    Object.assign(eslintOptions, { concurrency });
  }
  let eslint: ESLintType;
  let results: ESLintType.LintResult[];
  try {
    eslint = new ESLint(eslintOptions);
    results = options.stdin
      ? await eslint.lintText(options.stdin.text, options.stdin.filePath === undefined ? {} : { filePath: path.resolve(options.cwd, options.stdin.filePath), warnIgnored: true })
      : await eslint.lintFiles(options.paths.length > 0 ? [...options.paths] : ['.']);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`cannot lint with ${options.configFile}: ${message}`);
  }
  results.sort((a, b) => a.filePath.localeCompare(b.filePath));
  // ESLint lints the config's files in one call: they are written once it returns, as `eslint --fix` does.
  const writer = options.fix ? new FixWriter(options.keepFixedText === true) : undefined;
  const written = writer ? writer.finish(results) : { fixed: [], unwritten: [] };
  await writer?.relintUnwritten(results, async () => new ESLint({ ...eslintOptions, fix: false, cache: false, concurrency: 'off' } as ConstructorParameters<typeof ESLint>[0]));
  return {
    ...emptyOutcome(),
    results,
    rulesMeta: eslint.getRulesMetaForResults(results),
    ...written,
    untypedFiles: results.length,
    configFiles: [path.resolve(options.cwd, options.configFile as string)],
    threads: concurrency === 'off' || Math.min(concurrency, results.length) < 2 ? 0 : Math.min(concurrency, results.length),
  };
}
