import type { TSESLint } from '@typescript-eslint/utils';
import { useVisitorKeys } from './ast';
import { CallGraph } from './calls';
import { getDeclaredTypes, type DeclaredTypes } from './declared';
import { EscapeFinder } from './escape';
import { HandlerFinder } from './handlers';
import { ValueKinds } from './kinds';
import { OriginFinder } from './origins';
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
 *   calls     which same-file function a call runs
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
  ) {
    useVisitorKeys(sourceCode.visitorKeys);
    this.settings = readSettings(sharedSettings);
    this.types = getTypeFacts(sourceCode);
    this.declared = getDeclaredTypes(sourceCode);
    this.handlers = new HandlerFinder(sourceCode, this.settings, this.types);
    this.calls = new CallGraph(sourceCode, this.handlers);
    this.kinds = new ValueKinds(sourceCode, this.types, this.declared, this.handlers, this.calls);
    this.origins = new OriginFinder(sourceCode, this.handlers, this.calls);
    this.escapes = new EscapeFinder(sourceCode, this.handlers, this.kinds, this.calls);
  }
}

const byFile = new WeakMap<object, FileFacts>();

/** The file's facts (one per SourceCode, whichever rule or question asks first). */
export function getFileFacts(sourceCode: Readonly<TSESLint.SourceCode>, sharedSettings: unknown): FileFacts {
  let facts = byFile.get(sourceCode);
  if (!facts) {
    facts = new FileFacts(sourceCode, sharedSettings);
    byFile.set(sourceCode, facts);
  }
  return facts;
}
