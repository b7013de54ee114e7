import type { ESLint as ESLintType, Linter } from 'eslint';

/** What a project's own ESLint config says about leakproof for one file. */
export interface LeakproofChoice {
  /** The `leakproof/*` rules with the severity and options the project gives them; undefined: the presets'. */
  rules?: Record<string, Linter.RuleEntry>;
  /** `settings.leakproof` (handler methods, actor base classes, ...). */
  settings?: unknown;
}

export interface ProjectConfig {
  /** The files to lint: the project's global `ignores` taken out. */
  files: string[];
  /** The project's leakproof choice per file; empty when its config has none. */
  choices: Map<string, LeakproofChoice>;
  /** The config file found, when it was loaded. */
  configFile?: string;
  /** Why the config found could not be used (the presets and .gitignore then apply alone). */
  problem?: string;
}

/**
 * Reads the project's own flat config, when there is one: its global `ignores` apply to the zero-config
 * run, and so do its leakproof rules and `settings.leakproof` (rule severity, options, handler names).
 * Everything else in it (other plugins, parsers) is left out: leakproof picks parsers per tsconfig.
 */
export async function readProjectConfig(ESLint: typeof import('eslint').ESLint, files: string[], cwd: string): Promise<ProjectConfig> {
  let project: ESLintType;
  let configFile: string | undefined;
  try {
    project = new ESLint({ cwd });
    configFile = await project.findConfigFile();
  } catch (error) {
    return { files, choices: new Map(), problem: firstLine(error) };
  }
  if (!configFile) return { files, choices: new Map() };
  const kept: string[] = [];
  const choices = new Map<string, LeakproofChoice>();
  let mentionsLeakproof = false;
  try {
    for (const file of files) {
      if (await project.isPathIgnored(file)) continue;
      kept.push(file);
      const config = (await project.calculateConfigForFile(file)) as Linter.Config | undefined;
      if (!config) continue;
      const rules = Object.entries(config.rules ?? {}).filter((entry): entry is [string, Linter.RuleEntry] => entry[0].startsWith('leakproof/') && entry[1] !== undefined);
      const settings = (config.settings as Record<string, unknown> | undefined)?.leakproof;
      if (rules.length === 0 && settings === undefined) continue;
      mentionsLeakproof = true;
      choices.set(file, { rules: rules.length > 0 ? Object.fromEntries(rules) : undefined, settings });
    }
  } catch (error) {
    return { files, choices: new Map(), configFile, problem: firstLine(error) };
  }
  return { files: kept, choices: mentionsLeakproof ? choices : new Map(), configFile };
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
