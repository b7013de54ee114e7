import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_BASE_URL } from '../docs-url';
import { packageInfo } from '../package-info';
import { ruleDocText } from './rule-docs';

/** One finding in tool-neutral form; lint, runtime and heap results all map to this. */
export interface SarifFinding {
  /** Full rule id, e.g. `leakproof/no-retained-view`. */
  ruleId: string;
  message: string;
  level: 'error' | 'warning' | 'note';
  /** Absolute file path, or one relative to the working directory; absent when no file is known. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Where in the program, when no line says it: a heap group's retaining class and property. */
  logicalLocation?: SarifLogicalLocation;
  /** Extra facts (bytes retained, counts) carried in `properties`. */
  properties?: Record<string, unknown>;
}

export interface SarifLogicalLocation {
  /** The property (`frames`), or the class when no property is known. */
  name: string;
  /** `SessionActor.frames`. */
  fullyQualifiedName: string;
  kind: 'member' | 'type' | 'object';
}

/** What SARIF's rule descriptors are built from: ESLint's `meta` of each rule (as `getRulesMetaForResults` gives it). */
export interface RuleMetaLike {
  type?: string;
  fixable?: string;
  hasSuggestions?: boolean;
  docs?: { description?: string; url?: string; recommended?: unknown; requiresTypeChecking?: boolean };
}

export interface SarifOptions {
  /** The working directory relative paths are read from. */
  cwd: string;
  /** Rule meta by full rule id; rules not in it get an id-only descriptor. */
  rulesMeta?: Record<string, RuleMetaLike | undefined>;
  toolName?: string;
}

/** The id of findings for files leakproof could not parse (ESLint's fatal messages have no rule id). */
export const PARSE_ERROR_RULE = 'leakproof/parse-error';
export const PARSE_ERROR_DOCS = 'https://github.com/leakproof-dev/leakproof/blob/main/docs/parse-error.md';
const PARSE_ERROR_META: RuleMetaLike = {
  type: 'problem',
  docs: { description: 'Report files that could not be parsed, and so were not checked', url: PARSE_ERROR_DOCS },
};

/** The repository's top directory (git), or `cwd` outside a repository: `%SRCROOT%` of the SARIF log. */
export function findSourceRoot(cwd: string): string {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (top) return path.resolve(top);
  } catch {
    // not a repository, or no git: the working directory is the root
  }
  return path.resolve(cwd);
}

function directoryUri(dir: string): string {
  const uri = pathToFileURL(dir).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function artifactLocation(file: string, cwd: string, root: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(root, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(absolute).href };
}

function presetTags(recommended: unknown): string[] {
  const order = ['recommended', 'recommended-type-checked', 'strict'];
  const from = typeof recommended === 'string' ? order.indexOf(recommended) : -1;
  return [...(from >= 0 ? order.slice(from) : []), 'all'];
}

/** A full SARIF reportingDescriptor: descriptions, help (the rule's docs page), default level, tags. */
function ruleDescriptor(id: string, meta: RuleMetaLike | undefined): Record<string, unknown> {
  const known = meta ?? (id === PARSE_ERROR_RULE ? PARSE_ERROR_META : undefined);
  const own = id.startsWith('leakproof/');
  const helpUri = known?.docs?.url ?? (own && id !== PARSE_ERROR_RULE ? `${DOCS_BASE_URL}${id.slice('leakproof/'.length)}.md` : undefined);
  const descriptor: Record<string, unknown> = { id, name: id.slice(id.indexOf('/') + 1) };
  const description = known?.docs?.description;
  if (!known || description === undefined) return { ...descriptor, ...(helpUri ? { helpUri } : {}) };
  const doc = own ? ruleDocText(id === PARSE_ERROR_RULE ? 'parse-error' : id.slice('leakproof/'.length)) : undefined;
  const sentence = `${description.replace(/\.$/, '')}.`;
  const tags = [
    ...(known.type ? [known.type] : []),
    ...(own && id !== PARSE_ERROR_RULE ? ['memory', ...presetTags(known.docs?.recommended)] : []),
    ...(known.docs?.requiresTypeChecking ? ['requires-type-information'] : []),
    ...(known.fixable ? ['autofix'] : []),
    ...(known.hasSuggestions ? ['suggestions'] : []),
  ];
  return {
    ...descriptor,
    shortDescription: { text: sentence },
    fullDescription: { text: doc?.summary ?? sentence },
    help: {
      text: helpUri ? `${doc?.summary ?? sentence} Docs: ${helpUri}` : (doc?.summary ?? sentence),
      ...(doc ? { markdown: doc.markdown } : {}),
    },
    ...(helpUri ? { helpUri } : {}),
    // leakproof's presets turn every rule they include on as an error; a run's own level is on each result.
    ...(own ? { defaultConfiguration: { level: 'error' } } : {}),
    properties: { tags },
  };
}

/** A SARIF 2.1.0 log: the same rule ids for static, runtime and heap findings, so code scanning shows them together. */
export function toSarif(findings: readonly SarifFinding[], options: SarifOptions): string {
  const root = findSourceRoot(options.cwd);
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName ?? 'leakproof',
            version: packageInfo.version,
            informationUri: 'https://github.com/leakproof-dev/leakproof',
            rules: ruleIds.map((id) => ruleDescriptor(id, options.rulesMeta?.[id])),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(root) } },
        results: findings.map((f) => {
          const location: Record<string, unknown> = {};
          if (f.file) {
            location.physicalLocation = {
              artifactLocation: artifactLocation(f.file, options.cwd, root),
              ...(f.line ? { region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } : {}),
            };
          }
          if (f.logicalLocation) location.logicalLocations = [f.logicalLocation];
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIds.indexOf(f.ruleId),
            level: f.level,
            message: { text: f.message },
            locations: Object.keys(location).length > 0 ? [location] : [],
            ...(f.properties ? { properties: f.properties } : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
