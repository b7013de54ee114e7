import * as path from 'node:path';
import { lintProject } from '../lint/run';
import { mergeRuntimeReport, readRuntimeReport } from '../report/runtime';
import { helpText, parseArgs, type OptionSpec } from './args';
import { formatResults, type LintFormat } from '../report/lint';
import { EXIT, UsageError, type CliIO } from './io';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'fix', type: 'boolean', description: 'Apply safe autofixes to the files (never writes a file that no longer parses)' },
  { name: 'format', type: 'string', value: 'FORMAT', description: 'Output format, default stylish', choices: ['stylish', 'json', 'sarif'] },
  { name: 'config', type: 'string', value: 'FILE', description: "Lint with this flat config file instead of leakproof's presets" },
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
    description: 'The directory the runtime report was recorded under (a container\'s /app): its paths are mapped onto the working directory',
  },
  { name: 'progress', type: 'boolean', description: 'Print progress on standard error (default: only on a terminal)' },
  { name: 'exit-zero', type: 'boolean', description: 'Exit 0 even when there are findings (usage errors still exit 2)' },
  { name: 'help', type: 'boolean', description: 'Show this help' },
];

const USAGE = `Usage: leakproof [lint] [paths...] [options]

Lints with leakproof's rules and no set-up: recommended-type-checked for files a tsconfig.json covers,
recommended for the rest. Where the project's ESLint config sets leakproof rules or settings.leakproof,
those apply instead (its other rules and plugins do not run). Honours .gitignore (inside a git
repository) and the config's ignores; skips node_modules and build output.`;

const FOOTER = 'Exit codes: 0 no findings, 1 findings, 2 usage, configuration or input error.';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, options } = parseArgs(argv, OPTIONS);
  if (options.help) {
    io.stdout(helpText(USAGE, OPTIONS, FOOTER));
    return EXIT.clean;
  }
  const format = (options.format as LintFormat | undefined) ?? 'stylish';
  // Validate every input before any work: a bad report path must not cost a full lint run.
  const runtimeRoot = typeof options['runtime-root'] === 'string' ? options['runtime-root'] : undefined;
  if (runtimeRoot !== undefined && typeof options['runtime-report'] !== 'string') throw new UsageError('--runtime-root needs --runtime-report FILE');
  const sites = typeof options['runtime-report'] === 'string' ? readRuntimeReport(options['runtime-report'], io.cwd, runtimeRoot) : undefined;
  const showProgress = options.progress === true || io.isTTY;
  const outcome = await lintProject({
    paths: positionals,
    cwd: io.cwd,
    fix: options.fix === true,
    configFile: typeof options.config === 'string' ? options.config : undefined,
    onProgress: showProgress ? (done, total) => io.stderr(`leakproof: linted ${done}/${total} files\n`) : undefined,
  });
  for (const { project, reason, files } of outcome.brokenProjects) {
    io.stderr(`leakproof: ${path.relative(io.cwd, project) || project}: ${reason}; ${files} of its files linted without type information\n`);
  }
  for (const { file, problem } of outcome.projectConfigs) {
    const name = path.relative(io.cwd, file) || file;
    io.stderr(problem ? `leakproof: ${name}: ${problem}; linting its files with leakproof's presets\n` : `leakproof: using the leakproof rules and settings of ${name}\n`);
  }
  for (const file of outcome.readByEspree) {
    io.stderr(`leakproof: ${path.relative(io.cwd, file) || file}: TypeScript's parser rejects this JavaScript; read with ESLint's parser, without type information\n`);
  }
  const merge = sites ? mergeRuntimeReport(outcome.results, sites) : undefined;
  io.stdout(await formatResults(merge?.results ?? outcome.results, format, { cwd: io.cwd, rulesMeta: outcome.rulesMeta }));
  for (const file of outcome.unwritten) {
    io.stderr(`leakproof: left ${file.filePath} unchanged: its fixed text does not parse (${file.reason})\n`);
  }
  if (format === 'stylish') {
    const mode = `${outcome.typedFiles} with type information, ${outcome.untypedFiles} without`;
    io.stderr(`leakproof: ${outcome.results.length} files linted (${mode})${options.fix ? `, ${outcome.fixed.length} fixed` : ''}\n`);
    if (merge) io.stderr(`leakproof: runtime report: ${merge.confirmed} findings confirmed, ${merge.missed.length} sites with no static finding\n`);
  }
  if (outcome.unwritten.length > 0) return EXIT.usage;
  const findings = outcome.results.some((result) => result.messages.length > 0);
  return findings && options['exit-zero'] !== true ? EXIT.findings : EXIT.clean;
}
