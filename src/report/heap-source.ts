import type { HeapAnalysis, PathStep } from '../heap';
import { enclosingClass, indexSource, type FileFacts, type SourcePoint } from './source-index';

/**
 * Heap ↔ source: pairs each group a heap snapshot shows (`leakproof heap`) with the static findings
 * whose sink is the same holder, a class's property (`ChatSession.recentIds`), a module or closure
 * variable, or a Map/Set/array reached through one of them. The heap analyzer reads no source; this
 * module reads the lint results and, for holders no finding names, the declarations in the linted files.
 */

/** Where a value is kept: a property of instances of `owner` (any class when undefined), or a variable. */
export type Holder = { kind: 'field'; owner?: string; name: string } | { kind: 'variable'; name: string };

/** A lint finding, as the CLI has it (absolute file path). */
export interface StaticFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export type HeapGroupKind = 'retained-views' | 'pinned-pool-slabs' | 'sliced-strings';

export interface SourceLocation extends SourcePoint {
  file: string;
}

export interface MatchedGroup {
  kind: HeapGroupKind;
  rule: string;
  path: string;
  bytes: number;
  /** ArrayBuffers, pool slabs or parent strings in the group. */
  count: number;
  exampleIds: number[];
  /** The holder the match was made on (innermost first); undefined when the path names none. */
  holder?: Holder;
  /** Findings whose sink is `holder` (indices into `findings` of the report). */
  findings: number[];
  /** When no finding matches: where `holder` is declared or assigned in the linted files. */
  declaration?: SourceLocation;
}

export interface FindingStatus {
  finding: StaticFinding;
  /** The sink read from the finding: its message's "kept in `…`" and the enclosing class. */
  sink?: Holder;
  /** Seen in the snapshot: bytes and count summed over the groups it matched. */
  confirmed: boolean;
  bytes: number;
  count: number;
  /** Indices into `groups` of the report. */
  groups: number[];
}

export interface HeapSourceReport {
  groups: MatchedGroup[];
  findings: FindingStatus[];
}

/** The rules whose findings name a sink a heap snapshot can show. */
export const MATCHED_RULES: Readonly<Record<string, readonly HeapGroupKind[]>> = {
  'leakproof/no-retained-view': ['retained-views', 'pinned-pool-slabs'],
  'leakproof/no-retained-substring': ['sliced-strings'],
};

/** How the linted files are read: tests and the CLI pass the file system; a missing file returns undefined. */
export type ReadSource = (file: string) => string | undefined;

const GLOBAL_NODES = new Set(['global', 'globalThis', 'Window', 'self']);
const IGNORED_PROPERTIES = new Set(['__proto__', 'constructor', 'prototype', 'map']);

/**
 * The holders on a retaining path, outermost first: each property edge out of an object is
 * `Class.property` (the node's name is its constructor's), a property of the global object and each
 * closure-context edge is a variable.
 */
export function holdersOnPath(steps: readonly PathStep[]): Holder[] {
  const holders: Holder[] = [];
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i] as PathStep;
    const from = steps[i - 1] as PathStep;
    if (step.edgeType === 'context') {
      holders.push({ kind: 'variable', name: step.edge });
    } else if (step.edgeType === 'property' && from.nodeType === 'object' && !IGNORED_PROPERTIES.has(step.edge)) {
      if (GLOBAL_NODES.has(from.node)) holders.push({ kind: 'variable', name: step.edge });
      else holders.push({ kind: 'field', owner: from.node || undefined, name: step.edge });
    }
  }
  return holders;
}

// "… it is kept in `this.recentIds`, so …", "kept in the module variable `titles`", "kept in a closure
// kept in `this.timers`", "kept in `answers`, declared outside the function".
const KEPT_IN = /\bkept in (?:a closure kept in )?(?:the module variable )?`([^`]+)`/;
const CHAIN = /^(this|[A-Za-z_$][\w$]*)((?:\??\.#?[A-Za-z_$][\w$]*|\([^()]*\)|\[[^\]]*\])*)/;

/**
 * The holder a finding's sink names: the last property of the stored-into expression (`this.x` → field
 * `x` of the enclosing class; `session.token` → field `token` of any class) or a variable (`titles`).
 * Undefined when the message names no storage (a closure passed to a timer, a reducer's new state).
 */
export function sinkOfFinding(finding: StaticFinding, facts: FileFacts | undefined): Holder | undefined {
  const kept = KEPT_IN.exec(finding.message);
  if (!kept) return undefined;
  const chain = CHAIN.exec((kept[1] as string).trim());
  if (!chain) return undefined;
  const root = chain[1] as string;
  const properties = [...(chain[2] as string).matchAll(/\??\.(#?[A-Za-z_$][\w$]*)/g)].map((m) => m[1] as string);
  if (properties.length === 0) return root === 'this' ? undefined : { kind: 'variable', name: root };
  const name = properties[properties.length - 1] as string;
  // `this.x` (and nothing after it): a field of the class the finding is in.
  if (root === 'this' && properties.length === 1 && !/[([]/.test(chain[2] as string)) {
    const owner = facts ? enclosingClass(facts, finding.line, finding.column)?.name : undefined;
    return { kind: 'field', owner, name };
  }
  return { kind: 'field', name };
}

function holderText(holder: Holder): string {
  return holder.kind === 'variable' ? holder.name : `${holder.owner ?? '(any class)'}.${holder.name}`;
}

export { holderText };

interface ClassIndex {
  /** Class name → base class name, over every file indexed. */
  bases: Map<string, string | undefined>;
}

/** True when instances of `owner` (a heap node's class name) are instances of `sinkOwner`. */
function isA(owner: string | undefined, sinkOwner: string | undefined, classes: ClassIndex): boolean {
  if (sinkOwner === undefined) return true;
  let current = owner;
  for (let guard = 0; current !== undefined && guard < 32; guard++) {
    if (current === sinkOwner) return true;
    current = classes.bases.get(current);
  }
  return false;
}

function sameHolder(heap: Holder, sink: Holder, classes: ClassIndex): boolean {
  if (heap.kind !== sink.kind || heap.name !== sink.name) return false;
  return heap.kind === 'variable' || isA(heap.owner, (sink as { owner?: string }).owner, classes);
}

interface HeapGroupInput {
  kind: HeapGroupKind;
  rule: string;
  path: string;
  steps: PathStep[];
  bytes: number;
  count: number;
  exampleIds: number[];
}

function groupsOf(analysis: HeapAnalysis): HeapGroupInput[] {
  return [
    ...analysis.retainedViews.map((g) => ({ kind: 'retained-views' as const, rule: g.rule, path: g.path, steps: g.steps, bytes: g.bytes, count: g.arrayBuffers, exampleIds: g.exampleIds })),
    ...analysis.pinnedSlabs.map((g) => ({ kind: 'pinned-pool-slabs' as const, rule: g.rule, path: g.path, steps: g.steps, bytes: g.bytes, count: g.slabs, exampleIds: g.exampleIds })),
    ...analysis.slicedStrings.map((g) => ({ kind: 'sliced-strings' as const, rule: g.rule, path: g.path, steps: g.steps, bytes: g.bytes, count: g.parents, exampleIds: g.exampleIds })),
  ];
}

/** Indexes files on demand, once each; a file that does not parse is left out (lint reported it). */
class SourceFiles {
  private readonly facts = new Map<string, FileFacts | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  readonly classes: ClassIndex = { bases: new Map() };

  private readonly files: readonly string[];

  /** `preferred` files (those the findings point into) are searched first for declarations. */
  constructor(
    files: readonly string[],
    private readonly read: ReadSource,
    preferred: ReadonlySet<string>,
  ) {
    this.files = [...files.filter((f) => preferred.has(f)), ...files.filter((f) => !preferred.has(f))];
  }

  text(file: string): string | undefined {
    if (!this.texts.has(file)) this.texts.set(file, this.read(file));
    return this.texts.get(file);
  }

  of(file: string): FileFacts | undefined {
    if (!this.facts.has(file)) {
      const text = this.text(file);
      let facts: FileFacts | undefined;
      try {
        facts = text === undefined ? undefined : indexSource(text, file);
      } catch {
        facts = undefined;
      }
      this.facts.set(file, facts);
      for (const c of facts?.classes ?? []) if (!this.classes.bases.has(c.name)) this.classes.bases.set(c.name, c.base);
    }
    return this.facts.get(file);
  }

  /** Indexes every file whose text mentions `word` (a cheap filter before parsing). */
  mentioning(word: string): string[] {
    return this.files.filter((file) => this.text(file)?.includes(word) && this.of(file) !== undefined);
  }

  /** Where `holder` is declared or assigned: the class member, or the variable; first file in order. */
  declarationOf(holder: Holder): SourceLocation | undefined {
    for (const file of this.mentioning(holder.name)) {
      const facts = this.of(file) as FileFacts;
      if (holder.kind === 'variable') {
        const at = facts.variables.get(holder.name);
        if (at) return { file, ...at };
        continue;
      }
      for (const c of facts.classes) {
        if (holder.owner !== undefined && holder.owner !== 'Object' && c.name !== holder.owner) continue;
        const at = c.members.get(holder.name);
        if (at) return { file, ...at };
      }
      // A plain object's field (`Object.latest` in the snapshot): its key in a literal, or an assignment.
      if (holder.owner === undefined || holder.owner === 'Object') {
        const at = facts.properties.get(holder.name);
        if (at) return { file, ...at };
      }
    }
    // A field declared in a base class: walk up from the instance's class.
    if (holder.kind === 'field' && holder.owner !== undefined) {
      const base = this.classes.bases.get(holder.owner);
      if (base !== undefined && base !== holder.owner) return this.declarationOf({ ...holder, owner: base });
    }
    return undefined;
  }
}

/**
 * Matches the groups of `analysis` to `findings` (of the files `files`, read with `read`). A group
 * matches the findings of its rule whose sink is the innermost holder on its path that any finding
 * names; a group no finding matches gets the declaration of its innermost holder found in `files`.
 */
export function matchHeapToSource(analysis: HeapAnalysis, findings: readonly StaticFinding[], files: readonly string[], read: ReadSource): HeapSourceReport {
  const sources = new SourceFiles(files, read, new Set(findings.map((f) => f.file)));
  const statuses: FindingStatus[] = findings.map((finding) => {
    const matchable = MATCHED_RULES[finding.ruleId] !== undefined;
    const sink = matchable ? sinkOfFinding(finding, sources.of(finding.file)) : undefined;
    return { finding, sink, confirmed: false, bytes: 0, count: 0, groups: [] };
  });
  // Base classes matter for `this.x` in a base class and instances of a subclass: index the files that
  // declare a class named on any path.
  const inputs = groupsOf(analysis);
  const owners = new Set(inputs.flatMap((g) => holdersOnPath(g.steps).flatMap((h) => (h.kind === 'field' && h.owner ? [h.owner] : []))));
  for (const owner of owners) if (owner !== 'Object') sources.mentioning(`class ${owner}`);
  const groups: MatchedGroup[] = inputs.map((input, index) => {
    const holders = holdersOnPath(input.steps).reverse();
    const group: MatchedGroup = { kind: input.kind, rule: input.rule, path: input.path, bytes: input.bytes, count: input.count, exampleIds: input.exampleIds, findings: [] };
    for (const holder of holders) {
      const matched = statuses.flatMap((status, i) =>
        status.sink && MATCHED_RULES[status.finding.ruleId]?.includes(input.kind) && sameHolder(holder, status.sink, sources.classes) ? [i] : [],
      );
      if (matched.length === 0) continue;
      group.holder = holder;
      group.findings = matched;
      for (const i of matched) {
        const status = statuses[i] as FindingStatus;
        status.confirmed = true;
        status.bytes += input.bytes;
        status.count += input.count;
        status.groups.push(index);
      }
      break;
    }
    if (group.findings.length === 0) {
      for (const holder of holders) {
        const declaration = sources.declarationOf(holder);
        if (!declaration) continue;
        group.holder = holder;
        group.declaration = declaration;
        break;
      }
      if (!group.holder && holders.length > 0) group.holder = holders[0];
    }
    return group;
  });
  return { groups, findings: statuses };
}
