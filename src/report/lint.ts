import type { ESLint } from 'eslint';
import type { MergedResult } from './runtime';
import { PARSE_ERROR_RULE, toSarif, type RuleMetaLike, type SarifFinding } from './sarif';

export type LintFormat = 'stylish' | 'json' | 'sarif';

/** Lint results as SARIF findings; what the runtime measured at a finding goes in its `properties`. */
export function lintFindings(results: readonly (ESLint.LintResult | MergedResult)[]): SarifFinding[] {
  const findings: SarifFinding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      const runtime = 'runtime' in message ? message.runtime : undefined;
      findings.push({
        ruleId: message.ruleId ?? PARSE_ERROR_RULE,
        message: message.message,
        level: message.severity === 2 ? 'error' : 'warning',
        file: result.filePath,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        ...(runtime ? { properties: { runtime } } : {}),
      });
    }
  }
  return findings;
}

/** Output formats are pure functions of the results; stylish is ESLint's own formatter. */
export async function formatResults(
  results: readonly (ESLint.LintResult | MergedResult)[],
  format: LintFormat,
  context: { cwd: string; rulesMeta: Record<string, unknown> },
): Promise<string> {
  if (format === 'json') return `${JSON.stringify(results.map(({ source: _source, ...rest }) => rest), null, 2)}\n`;
  if (format === 'sarif') return toSarif(lintFindings(results), { cwd: context.cwd, rulesMeta: context.rulesMeta as Record<string, RuleMetaLike> });
  const { ESLint: ESLintClass } = require('eslint') as typeof import('eslint');
  const formatter = await new ESLintClass({ cwd: context.cwd, overrideConfigFile: true }).loadFormatter('stylish');
  // ESLint 9 and 10 pass `cwd` to formatters as well; its types list only `rulesMeta`.
  return formatter.format(results as ESLint.LintResult[], { cwd: context.cwd, rulesMeta: context.rulesMeta } as never);
}
