import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calledExport, exportedFunction, useVisitorKeys } from './ast';
import { CallGraph } from './calls';
import { getDeclaredTypes, type DeclaredTypes } from './declared';
import { EscapeFinder } from './escape';
import { HandlerFinder } from './handlers';
import { ValueKinds, type FunctionElsewhere } from './kinds';
import { OriginFinder } from './origins';
import { parsedFile, resolveRelative } from './package-files';
import { readSettings, type LeakproofSettings } from './settings';
import { getTypeFacts, type TypeFacts } from './types';

/**
 * Everything the questions share about one file, built once per SourceCode from the source, ESLint's
 * shared settings and the parser's services (not from a rule context, so every rule of the file, and
 * tests, get the same facts). Each field answers one kind of question:
 *   settings  what the project configured (handler names, actor base classes)
 *   types     the checker, when a program exists (read by `kinds` only for "what is this value")
 *   declared  declared types read from syntax
 *   handlers  is this code long-lived?
 *   calls     which same-file function a call runs (and, for `kinds`, which function of another file
 *             of the package a relatively imported call runs: `functionElsewhere`)
 *   kinds     what a value is (Buffer, typed array, view, owner, string, …) with evidence and a level
 *   origins   where a value comes from (a handler's message, a read, an accumulator)
 *   escapes   whether it reaches long-lived storage, and where
 */
export class FileFacts {
  readonly settings: LeakproofSettings;
  readonly types: TypeFacts;
  readonly declared: DeclaredTypes;
  readonly handlers: HandlerFinder;
  readonly calls: CallGraph;
  readonly kinds: ValueKinds;
  readonly origins: OriginFinder;
  readonly escapes: EscapeFinder;

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    sharedSettings: unknown,
    /** The file's path on disk, when it has one: relative imports are resolved from it. */
    readonly filename?: string,
  ) {
    useVisitorKeys(sourceCode.visitorKeys);
    this.settings = readSettings(sharedSettings);
    this.types = getTypeFacts(sourceCode);
    this.declared = getDeclaredTypes(sourceCode);
    this.handlers = new HandlerFinder(sourceCode, this.settings, this.types);
    this.calls = new CallGraph(sourceCode, this.handlers);
    // Each relative module once per file: resolved and parsed (or not) the first time a call asks.
    const modules = new Map<string, { file: string; sourceCode: TSESLint.SourceCode } | undefined>();
    const moduleFile = (specifier: string) => {
      if (!modules.has(specifier)) {
        const file = filename ? resolveRelative(filename, specifier) : undefined;
        const other = file && file !== filename ? parsedFile(file) : undefined;
        modules.set(specifier, file && other ? { file, sourceCode: other } : undefined);
      }
      return modules.get(specifier);
    };
    const elsewhere: FunctionElsewhere = (call) => functionElsewhere(call, sourceCode, sharedSettings, moduleFile);
    this.kinds = new ValueKinds(sourceCode, this.types, this.declared, this.handlers, this.calls, elsewhere);
    this.origins = new OriginFinder(sourceCode, this.handlers, this.calls, this.kinds);
    this.escapes = new EscapeFinder(sourceCode, this.handlers, this.kinds, this.calls);
  }
}

const byFile = new WeakMap<object, FileFacts>();

/** The file's facts (one per SourceCode, whichever rule or question asks first). */
export function getFileFacts(sourceCode: Readonly<TSESLint.SourceCode>, sharedSettings: unknown, filename?: string): FileFacts {
  let facts = byFile.get(sourceCode);
  if (!facts) {
    facts = new FileFacts(sourceCode, sharedSettings, filename);
    byFile.set(sourceCode, facts);
  }
  return facts;
}

/**
 * The function of another file of the package a call runs, with that file's value kinds: `hash(x)` after
 * `const { hash } = require('./crypto')` or `import { hash } from './crypto.js'`, `crypto.hash(x)` after
 * `const crypto = require('./crypto')` or `import * as crypto from './crypto'`. Only relative imports (a
 * package's own files; a dependency's code may change under it), and only when the file was linted from a
 * path on disk. The other file is parsed untyped, once while it is unchanged (`package-files`), and its
 * facts are built with the same settings. `moduleFile` resolves and parses each specifier once per file.
 */
function functionElsewhere(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  sharedSettings: unknown,
  moduleFile: (specifier: string) => { file: string; sourceCode: TSESLint.SourceCode } | undefined,
): ReturnType<FunctionElsewhere> {
  // `import * as crypto` cannot be called; `const hash = require('./hash')` runs `module.exports`.
  const binding = calledExport(sourceCode, call);
  if (!binding || !binding.module.startsWith('.')) return undefined;
  const other = moduleFile(binding.module);
  if (!other) return undefined;
  const fn = exportedFunction(other.sourceCode, binding.name);
  if (!fn) return undefined;
  const facts = getFileFacts(other.sourceCode, sharedSettings, other.file);
  return { fn, kinds: facts.kinds, module: binding.module };
}
