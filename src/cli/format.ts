import * as path from 'node:path';
import type { ESLint } from 'eslint';
import { toSarif, type SarifFinding } from './sarif';

export type LintFormat = 'stylish' | 'json' | 'sarif';

/** Lint results as SARIF findings (paths relative to `cwd`, as code scanning expects). */
export function lintFindings(results: readonly ESLint.LintResult[], cwd: string): SarifFinding[] {
  const findings: SarifFinding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      findings.push({
        ruleId: message.ruleId ?? 'leakproof/parse-error',
        message: message.message,
        level: message.severity === 2 ? 'error' : 'warning',
        file: path.relative(cwd, result.filePath),
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
      });
    }
  }
  return findings;
}

/** Output formats are pure functions of the results; stylish is ESLint's own formatter. */
export async function formatResults(
  results: ESLint.LintResult[],
  format: LintFormat,
  context: { cwd: string; rulesMeta: Record<string, unknown> },
): Promise<string> {
  if (format === 'json') return `${JSON.stringify(results.map(({ source: _source, ...rest }) => rest), null, 2)}\n`;
  if (format === 'sarif') return toSarif(lintFindings(results, context.cwd));
  const { ESLint: ESLintClass } = require('eslint') as typeof import('eslint');
  const formatter = await new ESLintClass({ cwd: context.cwd, overrideConfigFile: true }).loadFormatter('stylish');
  // ESLint 9 and 10 pass `cwd` to formatters as well; its types list only `rulesMeta`.
  return formatter.format(results, { cwd: context.cwd, rulesMeta: context.rulesMeta } as never);
}
