/**
 * A problem with how leakproof was called (bad path, option, config or input file): one line, exit code 2.
 * It lives below `lint/`, `report/` and `cli/` so that each can throw it and only the CLI catches it.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
