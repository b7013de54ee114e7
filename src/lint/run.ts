import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { ESLint as ESLintType, Linter } from 'eslint';
import type * as ts from 'typescript';
import { UsageError } from '../errors';
import { findFiles } from './files';
import { groupByChoice, readProjectConfig, type ConfigUse, type LeakproofChoice } from './project-config';
import { groupByProject } from './projects';

export interface LintOptions {
  paths: readonly string[];
  cwd: string;
  fix: boolean;
  /** A flat config file to use instead of leakproof's presets. */
  configFile?: string;
  onProgress?: (done: number, total: number) => void;
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
  /** Files whose fixed text did not parse, left untouched. */
  unwritten: UnwrittenFix[];
  typedFiles: number;
  untypedFiles: number;
  /** tsconfigs whose files (`files` of them) were linted without type information after all, and why. */
  brokenProjects: { project: string; reason: string; files: number }[];
  /** JavaScript files TypeScript's parser rejected and ESLint's parser, espree, read (without types). */
  readByEspree: string[];
  /** The project's ESLint configs used for their leakproof rules and settings, and those that could not be loaded. */
  projectConfigs: ConfigUse[];
}

const BATCH = 200;
const SOURCE_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];

function loadESLint(): typeof import('eslint').ESLint {
  return (require('eslint') as typeof import('eslint')).ESLint;
}

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

/**
 * ESLint's own parser, espree, for JavaScript that TypeScript's parser rejects although it is valid
 * (TypeScript 5.9 and 6.0 misread `x => ({ a: 1 })` followed by a block on a later line).
 */
function loadEspree(): Linter.Parser & { parse(text: string, options: object): unknown } {
  const eslintDir = path.dirname(require.resolve('eslint/package.json'));
  return require(require.resolve('espree', { paths: [eslintDir] })) as Linter.Parser & { parse(text: string, options: object): unknown };
}

function espreeOptions(commonjs: boolean): Linter.ParserOptions {
  return { ecmaVersion: 'latest', sourceType: commonjs ? 'commonjs' : 'module', ecmaFeatures: { jsx: true } };
}

type Preset = 'recommended' | 'recommended-type-checked' | 'recommended-espree';

/**
 * leakproof's zero-config lint: `recommended-type-checked` where a tsconfig covers a file, `recommended`
 * elsewhere; the project's own leakproof rules and settings instead, where its ESLint config has them.
 */
function presetConfig(preset: Preset, project?: string, choice?: LeakproofChoice): Linter.Config[] {
  // Loaded here, not at module load, so that `leakproof heap` never pays for the plugin.
  const plugin = require('../index') as { configs: Record<string, Linter.Config> };
  const config = plugin.configs[preset === 'recommended-espree' ? 'recommended' : preset] as Linter.Config;
  const common: Linter.Config = {
    // Only leakproof's rules run here: the project's own disable comments for other rules are not unused.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: config.plugins,
    rules: choice?.rules ?? config.rules,
    ...(choice?.settings === undefined ? {} : { settings: { leakproof: choice.settings } }),
  };
  if (preset === 'recommended-espree') {
    const parser = loadEspree();
    return [
      { ...common, files: ['**/*.cjs'], languageOptions: { parser, parserOptions: espreeOptions(true) } },
      { ...common, files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { parser, parserOptions: espreeOptions(false) } },
    ];
  }
  return [
    {
      ...common,
      files: SOURCE_FILES,
      languageOptions: {
        parser: tsParser as Linter.Parser,
        // Watch programs everywhere: typescript-eslint would switch to one-shot programs when CI=true,
        // which build some projects (project references) differently, so CI and a laptop would disagree.
        parserOptions: project
          ? { project: [project], tsconfigRootDir: path.dirname(project), disallowAutomaticSingleRunInference: true, ecmaFeatures: { jsx: true } }
          : { ecmaFeatures: { jsx: true } },
      },
    },
  ];
}

/** Fixed text that no longer parses is never written: the file keeps its original content. */
function checkParses(filePath: string, text: string): string | undefined {
  try {
    tsParser.parseForESLint(text, {
      filePath,
      sourceType: 'module',
      ecmaFeatures: { jsx: /\.[jt]sx$/.test(filePath) },
    });
    return undefined;
  } catch (error) {
    const problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (!JAVASCRIPT.test(filePath)) return problem;
    try {
      loadEspree().parse(text, espreeOptions(filePath.endsWith('.cjs')));
      return undefined;
    } catch {
      return problem;
    }
  }
}

/** A result whose file TypeScript's parser could not read. */
function isRejectedJavaScript(result: ESLintType.LintResult): boolean {
  return JAVASCRIPT.test(result.filePath) && result.messages.some((message) => message.fatal && message.message.startsWith('Parsing error'));
}

interface Progress {
  done: number;
  total: number;
  report?: (done: number, total: number) => void;
}

async function lintBatches(eslint: ESLintType, files: readonly string[], progress: Progress): Promise<ESLintType.LintResult[]> {
  const results: ESLintType.LintResult[] = [];
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    results.push(...(await eslint.lintFiles(batch)));
    progress.done += batch.length;
    progress.report?.(progress.done, progress.total);
  }
  return results;
}

function writeFixes(results: ESLintType.LintResult[]): { fixed: string[]; unwritten: UnwrittenFix[] } {
  const fixed: string[] = [];
  const unwritten: UnwrittenFix[] = [];
  for (const result of results) {
    if (result.output === undefined) continue;
    const fatal = result.messages.find((message) => message.fatal);
    const problem = fatal ? fatal.message : checkParses(result.filePath, result.output);
    if (problem) {
      unwritten.push({ filePath: result.filePath, reason: problem });
      continue;
    }
    fs.writeFileSync(result.filePath, result.output);
    fixed.push(result.filePath);
  }
  return { fixed, unwritten };
}

export async function lintProject(options: LintOptions): Promise<LintOutcome> {
  const ESLint = loadESLint();
  silenceEslintIgnoreWarning();
  if (options.configFile) return lintWithConfig(ESLint, options);
  const found = findFiles(options.paths.length > 0 ? options.paths : ['.'], options.cwd);
  const projectConfig = await readProjectConfig(ESLint, found, options.cwd);
  const files = projectConfig.files;
  const groups = groupByProject(files, loadTypeScript);
  const progress: Progress = { done: 0, total: files.length, report: options.onProgress };
  const results: ESLintType.LintResult[] = [];
  const rulesMeta: Record<string, unknown> = {};
  /** Lints `files` with `preset` (or the project's own leakproof choice for them), one ESLint per choice. */
  const lintGroup = async (groupFiles: readonly string[], preset: Preset, project?: string, counter: Progress = progress) => {
    const batch: ESLintType.LintResult[] = [];
    for (const { choice, files: subset } of groupByChoice(groupFiles, projectConfig.choices)) {
      const eslint = new ESLint({
        cwd: commonDir(project ? [project, ...subset] : subset, options.cwd),
        overrideConfigFile: true,
        overrideConfig: presetConfig(preset, project, choice),
        fix: options.fix,
        errorOnUnmatchedPattern: false,
      });
      const linted = await lintBatches(eslint, subset, counter);
      Object.assign(rulesMeta, eslint.getRulesMetaForResults(linted));
      batch.push(...linted);
    }
    return batch;
  };
  const untyped = [...groups.untyped];
  const brokenProjects = [...groups.broken].map(([project, problem]) => ({ project, ...problem }));
  let typedFiles = 0;
  for (const [project, projectFiles] of groups.typed) {
    const batch = await lintGroup(projectFiles, 'recommended-type-checked', project);
    // Each project's TypeScript program must be freed before the next one is built, or a monorepo of
    // many tsconfigs runs out of memory: typescript-eslint caches it, and ESLint keeps the linter (with
    // the last file's program) reachable from the result objects it returned. Copies are plain data.
    // A file the tsconfig lists but typescript-eslint's program lacks (project references, for one)
    // fails to parse with types; it parses without them.
    const untypable = batch.filter((result) => result.messages.some((message) => message.fatal && message.message.includes('parserOptions.project')));
    if (untypable.length > 0) {
      untyped.push(...untypable.map((result) => result.filePath));
      progress.total += untypable.length;
      brokenProjects.push({ project, reason: 'typescript-eslint builds a program without some files it lists (project references?)', files: untypable.length });
    }
    typedFiles += batch.length - untypable.length;
    results.push(...batch.filter((result) => !untypable.includes(result)).map((result) => ({ ...result })));
    tsParser.clearCaches();
  }
  if (untyped.length > 0) results.push(...(await lintGroup(untyped, 'recommended')));
  const rejected = results.filter(isRejectedJavaScript);
  const readByEspree: string[] = [];
  if (rejected.length > 0) {
    const files = rejected.map((result) => result.filePath);
    const batch = await lintGroup(files, 'recommended-espree', undefined, { done: 0, total: files.length });
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
  for (const result of results) keepOwnFindings(result);
  const written = options.fix ? writeFixes(results) : { fixed: [], unwritten: [] };
  return {
    results,
    rulesMeta,
    ...written,
    typedFiles,
    untypedFiles: untyped.length + movedFromTyped,
    brokenProjects,
    readByEspree,
    projectConfigs: projectConfig.uses,
  };
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

async function lintWithConfig(ESLint: typeof import('eslint').ESLint, options: LintOptions): Promise<LintOutcome> {
  const configFile = path.resolve(options.cwd, options.configFile as string);
  if (!fs.existsSync(configFile)) throw new UsageError(`config file not found: ${options.configFile}`);
  const eslint = new ESLint({ cwd: options.cwd, overrideConfigFile: configFile, fix: options.fix });
  let results: ESLintType.LintResult[];
  try {
    results = await eslint.lintFiles(options.paths.length > 0 ? [...options.paths] : ['.']);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`cannot lint with ${options.configFile}: ${message}`);
  }
  results.sort((a, b) => a.filePath.localeCompare(b.filePath));
  const written = options.fix ? writeFixes(results) : { fixed: [], unwritten: [] };
  return {
    results,
    rulesMeta: eslint.getRulesMetaForResults(results),
    ...written,
    typedFiles: 0,
    untypedFiles: results.length,
    brokenProjects: [],
    readByEspree: [],
    projectConfigs: [],
  };
}
