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

export { UsageError } from '../errors';

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
