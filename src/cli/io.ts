/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** True when stderr is a terminal: progress lines are shown only then (or when asked). */
  isTTY: boolean;
  /** Standard input's whole text (`--stdin`); the process's own stdin when absent. */
  readStdin?: () => Promise<string>;
}

import { UsageError } from '../errors';

export { UsageError };

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/**
 * Runs a command the way the binary does: a usage error, or any other error, is one stderr line and exit
 * code 2. The daemon runs each request through it too, so that its errors read as a direct run's.
 */
export async function runCommand(command: () => Promise<number>, io: CliIO): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`leakproof: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`leakproof: ${message.split('\n')[0]}\n`);
    return EXIT.usage;
  }
}
