import * as path from 'node:path';
import type { ESLint as ESLintType, Linter } from 'eslint';

/** What a project's own ESLint config says about leakproof for one file. */
export interface LeakproofChoice {
  /** The `leakproof/*` rules with the severity and options the project gives them; undefined: the presets'. */
  rules?: Record<string, Linter.RuleEntry>;
  /** `settings.leakproof` (handler methods, actor base classes, ...). */
  settings?: unknown;
}

/** A project ESLint config the run met: used for its leakproof choices, or why it could not be. */
export interface ConfigUse {
  file: string;
  problem?: string;
}

export interface ProjectConfig {
  /** The files to lint: the configs' global `ignores` and `--ignore-pattern`s taken out. */
  files: string[];
  /** Files named on the command line that the config's `ignores` or an `--ignore-pattern` leave out, with why. */
  ignored: { file: string; reason: string }[];
  /** Files named on the command line that no object of their config matches (`files`), with the config: linted with the presets. */
  unmatched: { file: string; config: string }[];
  /** The project's leakproof choice per file; absent for files whose config makes none. */
  choices: Map<string, LeakproofChoice>;
  /** The configs that made a choice, and those that could not be loaded. */
  uses: ConfigUse[];
  /** Every config file found for the files. */
  configFiles: string[];
}

/**
 * Reads the project's own flat configs (the one nearest each file with ESLint 10, the working
 * directory's with ESLint 9): their global `ignores` apply to the zero-config run, and so do their
 * leakproof rules and `settings.leakproof` (rule severity, options, handler names). Everything else in
 * them (other plugins, parsers) is left out: leakproof picks parsers per tsconfig. A config that cannot
 * be loaded leaves its files to the presets and .gitignore.
 */
export async function readProjectConfig(
  ESLint: typeof import('eslint').ESLint,
  files: readonly string[],
  cwd: string,
  options: { named: ReadonlySet<string>; ignorePatterns: readonly string[]; ignore: boolean; sourceFiles: string[] },
): Promise<ProjectConfig> {
  const ignored: ProjectConfig['ignored'] = [];
  const unmatched: ProjectConfig['unmatched'] = [];
  let candidates = [...files];
  if (options.ignore && options.ignorePatterns.length > 0) {
    const patterns = new ESLint({ cwd, overrideConfigFile: true, ignorePatterns: [...options.ignorePatterns] });
    const left: string[] = [];
    for (const file of candidates) {
      if (!(await patterns.isPathIgnored(file))) left.push(file);
      else if (options.named.has(file)) ignored.push({ file, reason: 'ignored by --ignore-pattern' });
    }
    candidates = left;
  }
  let project: ESLintType;
  let plain: ESLintType;
  try {
    // The extra `files` object: a file the project's config does not match is still leakproof's to lint;
    // only its `ignores` leave files out. `plain` tells the two apart for files named on the command line.
    project = new ESLint({ cwd, ignore: options.ignore, overrideConfig: { files: options.sourceFiles } });
    plain = new ESLint({ cwd, ignore: options.ignore });
  } catch {
    return { files: candidates, ignored, unmatched, choices: new Map(), uses: [], configFiles: [] };
  }
  const kept: string[] = [];
  const choices = new Map<string, LeakproofChoice>();
  const problems = new Map<string, string>();
  const choiceSource = new Map<string, string>();
  const configFiles = new Set<string>();
  for (const file of candidates) {
    let configFile: string | undefined;
    try {
      configFile = await project.findConfigFile(file);
    } catch {
      configFile = undefined;
    }
    if (configFile) configFiles.add(configFile);
    if (!configFile || problems.has(configFile)) {
      kept.push(file);
      continue;
    }
    try {
      if (await project.isPathIgnored(file)) {
        if (options.named.has(file)) ignored.push({ file, reason: `ignored by the ignores of ${path.relative(cwd, configFile) || configFile}` });
        continue;
      }
      if (options.named.has(file) && (await plain.isPathIgnored(file))) unmatched.push({ file, config: configFile });
      const config = (await project.calculateConfigForFile(file)) as Linter.Config | undefined;
      kept.push(file);
      const choice = config && leakproofChoice(config);
      if (choice) {
        choices.set(file, choice);
        choiceSource.set(file, configFile);
      }
    } catch (error) {
      problems.set(configFile, (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
      kept.push(file);
    }
  }
  // A config that failed on a later file loses the choices it made for earlier ones: all or nothing.
  for (const [file, configFile] of choiceSource) if (problems.has(configFile)) choices.delete(file);
  const used = [...new Set(choiceSource.values())].filter((file) => !problems.has(file));
  return {
    files: kept,
    ignored,
    unmatched,
    choices,
    uses: [...used.map((file) => ({ file })), ...[...problems].map(([file, problem]) => ({ file, problem }))],
    configFiles: [...configFiles],
  };
}

function leakproofChoice(config: Linter.Config): LeakproofChoice | undefined {
  const rules = Object.entries(config.rules ?? {}).filter((entry): entry is [string, Linter.RuleEntry] => entry[0].startsWith('leakproof/') && entry[1] !== undefined);
  const settings = (config.settings as Record<string, unknown> | undefined)?.leakproof;
  if (rules.length === 0 && settings === undefined) return undefined;
  return { rules: rules.length > 0 ? Object.fromEntries(rules) : undefined, settings };
}

/** Files grouped by the leakproof choice that applies to them (one group when the project makes none). */
export function groupByChoice(files: readonly string[], choices: ReadonlyMap<string, LeakproofChoice>): { choice?: LeakproofChoice; files: string[] }[] {
  const groups = new Map<string, { choice?: LeakproofChoice; files: string[] }>();
  for (const file of files) {
    const choice = choices.get(file);
    const key = choice ? JSON.stringify(choice) : '';
    const group = groups.get(key) ?? { choice, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  return [...groups.values()];
}
