import { packageInfo } from '../package-info';
import { DOCS_BASE_URL } from '../create-rule';

/** One finding in tool-neutral form; lint, runtime and heap results all map to this. */
export interface SarifFinding {
  /** Full rule id, e.g. `leakproof/no-retained-view`. */
  ruleId: string;
  message: string;
  level: 'error' | 'warning' | 'note';
  /** Repo-relative or absolute file path; absent for findings with no source location (heap paths). */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Extra facts (bytes retained, counts) carried in `properties`. */
  properties?: Record<string, unknown>;
}

function ruleHelpUri(ruleId: string): string | undefined {
  const short = ruleId.startsWith('leakproof/') ? ruleId.slice('leakproof/'.length) : undefined;
  return short ? `${DOCS_BASE_URL}${short}.md` : undefined;
}

/** A SARIF 2.1.0 log: the same rule ids for static, runtime and heap findings, so code scanning shows them together. */
export function toSarif(findings: readonly SarifFinding[], toolName = 'leakproof'): string {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: toolName,
            version: packageInfo.version,
            informationUri: 'https://github.com/leakproof-dev/leakproof',
            rules: ruleIds.map((id) => ({ id, helpUri: ruleHelpUri(id) })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: f.level,
          message: { text: f.message },
          locations: f.file
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: f.file.split('\\').join('/') },
                    region: f.line
                      ? {
                          startLine: f.line,
                          startColumn: f.column,
                          endLine: f.endLine,
                          endColumn: f.endColumn,
                        }
                      : undefined,
                  },
                },
              ]
            : [],
          properties: f.properties,
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
