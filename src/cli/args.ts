import { UsageError } from './io';

/** One option of a command: its metadata is the parser's input and the help text's source. */
export interface OptionSpec {
  name: string;
  type: 'boolean' | 'string';
  description: string;
  /** For string options: the placeholder shown in help (FILE, FORMAT). */
  value?: string;
  /** Allowed values, checked while parsing. */
  choices?: readonly string[];
  /** A one-letter alias (`f` for `-f`), as ESLint has. */
  alias?: string;
  /** A string option that may be given more than once; its value is the list. */
  multiple?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | string[] | boolean | undefined>;
}

/** Parses `--name`, `--name value` and `--name=value`; unknown options and bad values are usage errors. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byAlias = new Map(specs.filter((spec) => spec.alias).map((spec) => [spec.alias as string, spec]));
  const positionals: string[] = [];
  const options: ParsedArgs['options'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let eq = -1;
    if (/^-[^-]/.test(arg)) {
      spec = byAlias.get(arg.slice(1)) ?? (arg === '-h' ? byName.get('help') : undefined);
      if (!spec) throw new UsageError(`unknown option ${arg} (see --help)`);
    } else if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    } else {
      eq = arg.indexOf('=');
      spec = byName.get(arg.slice(2, eq < 0 ? undefined : eq));
      if (!spec) throw new UsageError(`unknown option ${arg.slice(0, eq < 0 ? undefined : eq)} (see --help)`);
    }
    const name = spec.name;
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value (${spec.value ?? 'VALUE'})`);
    // `-o --fix`: the next word is an option, not the value (ESLint refuses it too); `--output-file=--fix` is a value.
    if (eq < 0 && value.startsWith('--')) throw new UsageError(`--${name} needs a value (${spec.value ?? 'VALUE'}), not the option ${value}`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, not "${value}"`);
    }
    if (spec.multiple) options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else options[name] = value;
  }
  return { positionals, options };
}

/** Help text generated from the option metadata. */
export function helpText(usage: string, specs: readonly OptionSpec[], footer = ''): string {
  const aliased = specs.some((spec) => spec.alias);
  const rows = specs.map((spec) => {
    const left = `${spec.alias ? `-${spec.alias}, ` : aliased ? '    ' : ''}--${spec.name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const choices = spec.choices ? ` (${spec.choices.join(', ')})` : '';
    return [left, `${spec.description}${choices}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
  return `${usage}\n\nOptions:\n${lines.join('\n')}\n${footer ? `\n${footer}\n` : ''}`;
}
