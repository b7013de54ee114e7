#!/usr/bin/env node
import { packageInfo } from '../package-info';
import { EXIT, processIO, runCommand, type CliIO } from './io';

type Command = (argv: string[], io: CliIO) => Promise<number>;

// Loaded on demand: `leakproof heap` must not pay for loading ESLint and TypeScript.
const COMMANDS: Record<string, () => Command> = {
  lint: () => (require('./lint') as { run: Command }).run,
  heap: () => (require('./heap') as { run: Command }).run,
  daemon: () => (require('./daemon') as { run: Command }).run,
};

const HELP = `Usage: leakproof [lint] [paths...] [options]   lint with leakproof's rules (default command)
       leakproof heap FILE.heapsnapshot [options]  find retained buffers and strings in a heap snapshot
       leakproof daemon start|stop|status [options]  a background server that keeps type information warm (lint --daemon)

Run "leakproof lint --help", "leakproof heap --help" or "leakproof daemon --help" for each command's options.

Exit codes: 0 nothing found, 1 findings, 2 usage, configuration or input error.
`;

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout(`${packageInfo.version}\n`);
    return EXIT.clean;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const named = first !== undefined ? COMMANDS[first] : undefined;
  const command = named ? named() : COMMANDS.lint();
  const args = named ? rest : argv;
  return runCommand(() => command(args, io), io);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`leakproof: ${String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
