import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getSettings, type LeakproofSettings } from '../settings';
import { enclosingFunction, findVariable, methodCall, propertyName, unwrap } from './ast';
import { singleInit } from './buffers';
import { CallGraph } from './calls';
import { HandlerFinder, walk } from './contexts';
import { EscapeFinder, type Sink } from './escape';
import { OriginFinder, type Origin } from './origins';
import { confirmStringSlice, findSliceCandidate, isInnerOfSliceChain, type SliceOptions, type StringSlice } from './strings';
import { getTypeFacts, type TypeFacts } from './types';
import { confirmView, findViewCandidate, isInnerOfViewChain, type ViewCreation } from './views';

export type { Handler } from './contexts';
export type { Origin } from './origins';
export type { Sink } from './escape';
export type { ViewCreation } from './views';
export type { StringSlice } from './strings';

/** How sure the analysis is that an exact copy changes nothing but memory. */
export type FixSafety = 'safe' | 'review';

export interface RetainedView {
  view: ViewCreation;
  origin: Origin;
  sink: Sink;
  safety: FixSafety;
}

export interface RetainedSubstring {
  slice: StringSlice;
  origin: Origin;
  /** Where it is kept; `sink.value` is the piece stored (for split and match results). */
  sink: Sink;
}

// Methods that write into a view or its parent (or, for `copy`, into its first argument).
const MUTATING_METHODS = /^(?:fill|set|copyWithin|reverse|sort|swap(?:16|32|64)|write.*)$/;

/**
 * The per-file analysis every rule shares: the four questions of DESIGN.md, answered once per file
 * and cached on the file's SourceCode (ESLint may lint many files per thread).
 */
export class Analysis {
  readonly settings: LeakproofSettings;
  readonly types: TypeFacts;
  readonly handlers: HandlerFinder;
  readonly calls: CallGraph;
  readonly origins: OriginFinder;
  readonly escapes: EscapeFinder;

  constructor(readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    const sourceCode = context.sourceCode;
    this.settings = getSettings(context);
    this.types = getTypeFacts(context);
    this.handlers = new HandlerFinder(sourceCode, this.settings, this.types);
    this.calls = new CallGraph(sourceCode, this.handlers);
    this.origins = new OriginFinder(sourceCode, this.handlers, this.types, this.calls);
    this.escapes = new EscapeFinder(sourceCode, this.handlers, this.origins, this.calls);
  }

  /** A view of incoming data stored where it outlives the code that made it. */
  retainedView(node: TSESTree.CallExpression | TSESTree.NewExpression): RetainedView | undefined {
    return quietly(() => this.findRetainedView(node));
  }

  /** A sliced string of incoming text stored where it outlives the code that made it. */
  retainedSubstring(node: TSESTree.CallExpression, options: SliceOptions): RetainedSubstring | undefined {
    return quietly(() => this.findRetainedSubstring(node, options));
  }

  // Cheap questions first: syntax, then origin and escape (scope analysis), and only then types, which
  // dominate a typed lint run (most slicing calls in a code base never reach long-lived storage).
  private findRetainedView(node: TSESTree.CallExpression | TSESTree.NewExpression): RetainedView | undefined {
    if (isInnerOfViewChain(node)) return undefined;
    const candidate = findViewCandidate(node);
    if (!candidate) return undefined;
    const origin = this.origins.originOf(candidate.parent);
    if (!origin) return undefined;
    const sink = this.escapes.sinkOf(node);
    if (!sink || this.isSelfTrim(sink, candidate.parent)) return undefined;
    const view = confirmView(candidate, this.origins);
    if (!view) return undefined;
    return { view, origin, sink, safety: this.copySafety(view) };
  }

  private findRetainedSubstring(node: TSESTree.CallExpression, options: SliceOptions): RetainedSubstring | undefined {
    if (isInnerOfSliceChain(node)) return undefined;
    const slice = findSliceCandidate(node, options);
    if (!slice) return undefined;
    const origin = this.origins.originOf(slice.parent);
    if (!origin) return undefined;
    const sink = this.escapes.sinkOf(node, { container: slice.container, text: true });
    if (!sink || this.isSelfTrim(sink, slice.parent)) return undefined;
    // All the parts of a split together cover the parent: keeping them all wastes only the separators.
    // (A kept match array is different: its `input` property holds the whole parent.)
    if (slice.method === 'split' && sink.wholeContainer) return undefined;
    if (!confirmStringSlice(slice, this.origins)) return undefined;
    return { slice, origin, sink };
  }

  /**
   * `this.pending = this.pending.subarray(n)`: trimming a buffer in place keeps nothing new. So does
   * keeping a text stream's unfinished tail (`const all = rest + chunk; … rest = all.slice(i)`): it holds
   * at most one chunk until the next one arrives, as a Buffer accumulator does.
   */
  private isSelfTrim(sink: Sink, parent: TSESTree.Node): boolean {
    if (sink.kind !== 'field' && sink.kind !== 'outer-variable') return false;
    const text = (node: TSESTree.Node) => this.context.sourceCode.getText(unwrap(node)).replace(/\s+/g, '');
    const target = text(sink.target);
    const base = unwrap(parent);
    if (text(base) === target) return true;
    if (base.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.context.sourceCode, base);
      const init = variable && singleInit(variable);
      if (init && concatenationParts(init).some((part) => text(part) === target)) return true;
    }
    // `this.pending = new Uint8Array(this.pending.buffer, …)`; a field named `buffer` matched above.
    return base.type === AST_NODE_TYPES.MemberExpression && propertyName(base) === 'buffer' && text(base.object) === target;
  }

  /**
   * An exact copy is a safe autofix when nothing in the function writes to the view or its parent after
   * the view is made, and nothing reads the view's `buffer`/`byteOffset` (identity would change).
   */
  private copySafety(view: ViewCreation): FixSafety {
    const sourceCode = this.context.sourceCode;
    // Module-level views are checked against the rest of the module.
    const scope = enclosingFunction(view.node)?.body ?? sourceCode.ast;
    const watched = new Set<string>();
    const parentRoot = unwrap(view.parent);
    const parentBase =
      parentRoot.type === AST_NODE_TYPES.MemberExpression && propertyName(parentRoot) === 'buffer'
        ? unwrap(parentRoot.object)
        : parentRoot;
    watched.add(sourceCode.getText(parentBase));
    const holder = view.node.parent;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
      watched.add(holder.id.name);
    }
    let safe = true;
    const after = view.node.range[1];
    walk(scope, (node) => {
      if (!safe || node.range[1] <= after) return false;
      if (node.range[0] < after) return true; // contains the view: only what follows it counts
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        if (node.left.computed && watched.has(sourceCode.getText(unwrap(node.left.object)))) safe = false;
      } else if (node.type === AST_NODE_TYPES.CallExpression) {
        const method = methodCall(node);
        if (method && MUTATING_METHODS.test(method.name) && watched.has(sourceCode.getText(unwrap(method.receiver)))) {
          safe = false;
        }
        const target = node.arguments[0];
        if (method?.name === 'copy' && target && watched.has(sourceCode.getText(unwrap(target)))) safe = false;
      } else if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(node);
        if ((name === 'buffer' || name === 'byteOffset') && watched.has(sourceCode.getText(unwrap(node.object)))) {
          safe = false;
        }
      }
      return true;
    });
    return safe ? 'safe' : 'review';
  }
}

/** Rules never throw on valid code: an analysis that fails on an unforeseen shape reports nothing. */
function quietly<T>(find: () => T | undefined): T | undefined {
  try {
    return find();
  } catch {
    return undefined;
  }
}

const analyses = new WeakMap<object, Analysis>();

/** The file's shared analysis (one per SourceCode, whichever rule asks first). */
export function getAnalysis(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Analysis {
  const key = context.sourceCode;
  let analysis = analyses.get(key);
  if (!analysis) {
    analysis = new Analysis(context);
    analyses.set(key, analysis);
  }
  return analysis;
}

/** The operands of `a + b + …` or the expressions of `` `${a}${b}` ``; [] for anything else. */
function concatenationParts(node: TSESTree.Node): TSESTree.Node[] {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions;
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return [...concatenationParts(value.left), ...concatenationParts(value.right), value.left, value.right];
  }
  return [];
}
