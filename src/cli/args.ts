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
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

/** Parses `--name`, `--name value` and `--name=value`; unknown options and bad values are usage errors. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const positionals: string[] = [];
  const options: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-' && arg !== '-h') throw new UsageError(`unknown option ${arg}`);
      if (arg === '-h') options.help = true;
      else positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown option --${name} (see --help)`);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value (${spec.value ?? 'VALUE'})`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, not "${value}"`);
    }
    options[name] = value;
  }
  return { positionals, options };
}

/** Help text generated from the option metadata. */
export function helpText(usage: string, specs: readonly OptionSpec[], footer = ''): string {
  const rows = specs.map((spec) => {
    const left = `--${spec.name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const choices = spec.choices ? ` (${spec.choices.join(', ')})` : '';
    return [left, `${spec.description}${choices}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
  return `${usage}\n\nOptions:\n${lines.join('\n')}\n${footer ? `\n${footer}\n` : ''}`;
}
