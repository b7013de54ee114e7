import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint as ESLintType, Linter } from 'eslint';
import type * as ts from 'typescript';
import type { TypeQuestionProbe } from '../analysis/types';
import type { PresetName } from '../configs';
import { UsageError } from '../errors';
import { packageInfo } from '../package-info';
import type { LeakproofChoice } from './project-config';

export const SOURCE_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];

export type Concurrency = 'off' | 'auto' | number;

/**
 * `--concurrency auto`: the files one worker thread is given at least. A thread reading TypeScript costs
 * about 0.45 s of CPU to start and lint its first file (ESLint, the plugin, typescript-eslint's parser
 * and TypeScript loaded, and their code compiled again, in each thread; `bench/cli.js`, "thread
 * start-up"; one reading JavaScript with espree less) and 1 s or more while V8 optimizes the parser and
 * the rules again on its next files, against about 20-30 ms per corpus file after, so two threads gain
 * on two free cores from about 150 TypeScript files on.
 */
export const AUTO_FILES_PER_THREAD = 100;

/**
 * leakproof's own `auto`, decided per group of files: one worker thread per AUTO_FILES_PER_THREAD files,
 * at most half the cores (`os.availableParallelism()`, as ESLint's own `auto`), and none for fewer than
 * two. One per core was measured slower on 2 shared cores: two threads took 1.24x the wall time of one on
 * 1,200 files (`bench/cli.js --concurrency-only`), each thread loading and compiling the toolchain again.
 * A group with type information gets none: each thread would build the project's TypeScript program
 * again. A number is ESLint's (at most one thread per file, none for one).
 */
export function threadsFor(concurrency: Concurrency, files: number, typed: boolean, cores = os.availableParallelism()): 'off' | number {
  if (concurrency === 'off') return 'off';
  if (concurrency !== 'auto') return Math.min(concurrency, files) > 1 ? concurrency : 'off';
  if (typed) return 'off';
  const threads = Math.min(Math.floor(cores / 2), Math.floor(files / AUTO_FILES_PER_THREAD));
  return threads > 1 ? threads : 'off';
}

/**
 * `--concurrency` for a run in the daemon, whose worker threads are kept warm between runs
 * (`WorkerPool`): a number is the threads to use (none for one file). `auto` follows `threadsFor`'s rule
 * (on 2 cores, none): on this project's 2 shared cores, 2 warm threads took 1.08x to 1.25x the wall time
 * of the server's own thread on 1,200 corpus files, with 17-25% more CPU, in three runs of
 * `bench/cli.js --daemon-pool-only`: no reason to start them on 2 cores unasked.
 */
export function poolThreadsFor(concurrency: Concurrency, files: number, cores = os.availableParallelism()): 'off' | number {
  return threadsFor(concurrency, files, false, cores);
}

/** How one group of files is linted: plain data, so that ESLint's worker threads can rebuild it. */
export interface EngineSpec {
  cwd: string;
  /** The preset; `espree`: read JavaScript with ESLint's own parser (without type information). */
  preset: PresetName;
  espree?: boolean;
  /** The tsconfig.json giving type information, if any. */
  project?: string;
  /** The project's own leakproof rules and settings for these files. */
  choice?: LeakproofChoice;
  fix: boolean;
  /** ESLint's cache file for this group, when `--cache` is on. */
  cacheFile?: string;
  concurrency: Concurrency;
}

export function loadESLint(): typeof import('eslint').ESLint {
  return (require('eslint') as typeof import('eslint')).ESLint;
}

let tsParserModule: typeof import('@typescript-eslint/parser') | undefined;

/** typescript-eslint's parser (and with it TypeScript), loaded once. */
export function loadTypeScriptParser(): typeof import('@typescript-eslint/parser') {
  tsParserModule ??= require('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
  return tsParserModule;
}

/** Whether typescript-eslint's parser has been loaded (its caches exist only then). */
export function isTypeScriptParserLoaded(): boolean {
  return tsParserModule !== undefined;
}

let lazyParser: Linter.Parser | undefined;

/**
 * typescript-eslint's parser, loaded at the first file it parses: a `--cache` rerun on an unchanged tree
 * parses nothing and so never pays for loading it and TypeScript (about 0.3 s of a 0.6 s run). Its meta
 * is the parser's own, read from its package.json, so ESLint's cache key is the same as with the module.
 */
function typeScriptParser(): Linter.Parser {
  if (!lazyParser) {
    const { version } = require('@typescript-eslint/parser/package.json') as { version: string };
    lazyParser = {
      meta: { name: 'typescript-eslint/parser', version },
      parseForESLint: (text: string, options?: Linter.ParserOptions) =>
        loadTypeScriptParser().parseForESLint(text, options as Parameters<typeof import('@typescript-eslint/parser').parseForESLint>[1]),
    } as Linter.Parser;
  }
  return lazyParser;
}

/** Per file path, what the analysis asked of types while the file was linted without its program. */
export type TypeProbes = Map<string, TypeQuestionProbe>;

/**
 * typescript-eslint's parser that hands each parse a probe (the same one for every fix pass of a file),
 * through which the analysis says whether it asked anything types could answer.
 */
function probingParser(probes: TypeProbes): Linter.Parser {
  const parser = typeScriptParser();
  return {
    meta: parser.meta,
    parseForESLint(text: string, options?: Linter.ParserOptions) {
      const result = (parser as { parseForESLint(text: string, options?: Linter.ParserOptions): { services?: object } }).parseForESLint(text, options);
      const filePath = (options as { filePath?: string } | undefined)?.filePath;
      if (filePath !== undefined) {
        const probe = probes.get(filePath) ?? { asked: false };
        probes.set(filePath, probe);
        result.services = { ...result.services, leakproofTypeProbe: probe };
      }
      return result;
    },
  } as Linter.Parser;
}

/**
 * The program of a group's files, built at the first parse, in which `filePath` reads `text`: a fix
 * pass parses a fixed text the built program does not have. Undefined when it cannot be built.
 */
export type ProgramSource = (filePath: string, text: string) => ts.Program | undefined;

function projectOptions(project: string): Linter.ParserOptions {
  // Watch programs everywhere: typescript-eslint would switch to one-shot programs when CI=true,
  // which build some projects (project references) differently, so CI and a laptop would disagree.
  return { project: [project], tsconfigRootDir: path.dirname(project), disallowAutomaticSingleRunInference: true };
}

/**
 * typescript-eslint's parser given a program of our own (a few staged files' program), built at the first
 * file it parses: a `--cache` run whose files are all unchanged builds none. The config then holds no
 * program object, which ESLint could not serialize for its cache key. Without a program (no TypeScript,
 * an unreadable tsconfig) typescript-eslint builds the project's.
 */
function programParser(program: ProgramSource, project: string | undefined): Linter.Parser {
  const parser = typeScriptParser();
  return {
    meta: parser.meta,
    parseForESLint(text: string, options?: Linter.ParserOptions) {
      const filePath = (options as { filePath?: string } | undefined)?.filePath;
      const built = filePath === undefined ? undefined : program(filePath, text);
      const typed = built ? { programs: [built] } : project ? projectOptions(project) : {};
      return loadTypeScriptParser().parseForESLint(text, { ...options, ...typed } as Parameters<typeof import('@typescript-eslint/parser').parseForESLint>[1]);
    },
  } as Linter.Parser;
}

/** ESLint's own parser, espree (resolved from ESLint's folder: it is ESLint's dependency, not ours). */
function loadEspree(): Linter.Parser & { parse(text: string, options: object): unknown } {
  const eslintDir = path.dirname(require.resolve('eslint/package.json'));
  return require(require.resolve('espree', { paths: [eslintDir] })) as Linter.Parser & { parse(text: string, options: object): unknown };
}

function espreeOptions(commonjs: boolean): Linter.ParserOptions {
  return { ecmaVersion: 'latest', sourceType: commonjs ? 'commonjs' : 'module', ecmaFeatures: { jsx: true } };
}

/**
 * leakproof's zero-config lint: the preset (or the project's own leakproof rules and settings, where
 * its ESLint config has them), typescript-eslint's parser with the project's tsconfig, or espree.
 */
export function presetConfig(spec: Pick<EngineSpec, 'preset' | 'espree' | 'project' | 'choice'>, program?: ProgramSource, probes?: TypeProbes): Linter.Config[] {
  // Loaded here, not at module load, so that `leakproof heap` never pays for the plugin.
  const plugin = require('../index') as { configs: Record<string, Linter.Config> };
  const config = plugin.configs[spec.preset] as Linter.Config;
  const { choice, project } = spec;
  const common: Linter.Config = {
    // Only leakproof's rules run here: the project's own disable comments for other rules are not unused.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: config.plugins,
    rules: choice?.rules ?? config.rules,
    ...(choice?.settings === undefined ? {} : { settings: { leakproof: choice.settings } }),
  };
  if (spec.espree) {
    const parser = loadEspree();
    return [
      { ...common, files: ['**/*.cjs'], languageOptions: { parser, parserOptions: espreeOptions(true) } },
      { ...common, files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { parser, parserOptions: espreeOptions(false) } },
    ];
  }
  const tsParser = probes ? probingParser(probes) : program ? programParser(program, project) : typeScriptParser();
  return [
    {
      ...common,
      files: SOURCE_FILES,
      languageOptions: {
        parser: tsParser,
        parserOptions: project && !program && !probes ? { ...projectOptions(project), ecmaFeatures: { jsx: true } } : { ecmaFeatures: { jsx: true } },
      },
    },
  ];
}

/** The ESLint options of a group: what the options module gives each worker thread, and the main thread uses. */
export function eslintOptions(spec: EngineSpec, program?: ProgramSource, probes?: TypeProbes): ESLintType.Options {
  return {
    cwd: spec.cwd,
    overrideConfigFile: true,
    overrideConfig: presetConfig(spec, program, probes),
    fix: spec.fix,
    errorOnUnmatchedPattern: false,
    ...(spec.cacheFile ? { cache: true, cacheLocation: spec.cacheFile } : {}),
    ...(spec.concurrency === 'off' ? {} : ({ concurrency: spec.concurrency } as object)),
  };
}

/**
 * An ESLint for a group. With `--concurrency`, ESLint's worker threads cannot receive plugin and parser
 * objects, so it loads the options from a module: a `data:` URL that calls `eslintOptions` of this file
 * with the group's spec (plain JSON).
 */
export async function createEngine(spec: EngineSpec, program?: ProgramSource, probes?: TypeProbes): Promise<ESLintType> {
  const ESLint = loadESLint();
  // A program or probe object cannot reach worker threads: with one, linting stays on this thread.
  if (spec.concurrency === 'off' || program || probes) return new ESLint(eslintOptions({ ...spec, concurrency: 'off' }, program, probes));
  const fromModule = (ESLint as unknown as { fromOptionsModule?: (url: URL) => Promise<ESLintType> }).fromOptionsModule;
  if (typeof fromModule !== 'function') throw new UsageError('--concurrency needs ESLint 9.34 or later');
  const source = `import engine from ${JSON.stringify(pathToFileURL(__filename).href)};\nexport default engine.eslintOptions(${JSON.stringify(spec)});\n`;
  return fromModule.call(ESLint, new URL(`data:text/javascript,${encodeURIComponent(source)}`));
}

/**
 * One cache file per group in the cache directory (ESLint prunes a cache file of the files its run did
 * not lint), named by leakproof's version and the group's preset, project and settings: a new version or
 * other settings start a new cache. ESLint's own key adds each file's content metadata and the config.
 */
export function cacheFileFor(cacheDir: string, spec: Omit<EngineSpec, 'cacheFile' | 'concurrency' | 'fix'>): string {
  const key = createHash('sha256').update(JSON.stringify([packageInfo.version, spec.cwd, spec.preset, spec.espree ?? false, spec.project ?? '', spec.choice ?? null])).digest('hex');
  return path.join(cacheDir, `group-${key.slice(0, 16)}`);
}
