import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from './ast';
import { findBackingStoreUse, type BackingStoreUse } from './backing-store';
import { findBufferSlice, type BufferSlice, type BufferSliceOptions, type PublicUint8ArrayInput, type Uint8ArrayBoundary } from './buffer-slice';
import { findClonedViews, type ClonedView } from './cloned-view';
import { getFileFacts, type FileFacts } from './file';
import { findForwarding, type Forwarding, type ForwardingOptions } from './forwarding';
import { findHibernationBlockers, type ActorNode, type Blocker, type HibernationOptions } from './hibernation';
import { findRetainedSubstrings, type RetainedSubstring } from './retained-substring';
import { findFreedHeapView, findKeptArgumentView, findKeptEventViews, findKeptLibraryView, findKeptPooled, findParsedView, findReaderResultView, findRetainedView, findLentBufferViews, findReusedBufferView, type FreedHeapView, type KeptArgumentView, type KeptEventView, type KeptLibraryView, type KeptPooled, type ReaderResultView, type LentBufferView, type RetainedView, type ReusedBufferView } from './retained-view';
import type { SliceOptions } from './strings';

// The face is the only module rules import: what they need of the analysis' vocabulary comes through here.
export { shortText, unwrap } from './ast';
export { DEFAULT_RELEASE_FUNCTIONS, DEFAULT_SEND_METHODS, SEND_FUNCTIONS } from './apis';
export type { BackingStoreUse } from './backing-store';
export type { BufferSlice, PublicUint8ArrayInput, Uint8ArrayBoundary } from './buffer-slice';
export type { ClonedView } from './cloned-view';
export type { Sink } from './escape';
export type { FileFacts } from './file';
export type { Forwarding } from './forwarding';
export type { Handler } from './handlers';
export type { AcceptedSocket, ActorNode, Blocker, BlockerKind, CloseNotCalled, HibernationChecks } from './hibernation';
export { SOCKET_EVENT_HANDLERS } from './apis';
export type { KindAnswer, KindLevel, LargerBacking, PooledFactory } from './kinds';
export type { Origin } from './origins';
export type { RetainedSubstring } from './retained-substring';
export type { FixSafety, FreedHeapView, KeptArgumentView, KeptEventView, KeptLibraryView, KeptPooled, LentBufferView, ReaderResultView, RetainedView, ReusedBufferView } from './retained-view';
export type { LibraryContract } from './library-contracts';
export type { SliceOptions, StringSlice } from './strings';
export type { ViewCreation } from './views';

/**
 * The analysis every rule shares, one method per rule question. Each answer is computed from the file's
 * facts (built once per SourceCode) and carries what the fix builders need, so they never ask again.
 * Rules never throw on valid code: a question that fails on an unforeseen shape answers nothing.
 */
export class Analysis {
  constructor(readonly facts: FileFacts) {}

  /** Answers already given: a `Buffer.from` call is asked about both as a view and as a pool slice. */
  private readonly views = new WeakMap<TSESTree.Node, RetainedView | null>();

  /** A view of incoming data stored where it outlives the code that made it. */
  retainedView(node: TSESTree.CallExpression | TSESTree.NewExpression): RetainedView | undefined {
    const known = this.views.get(node);
    if (known !== undefined) return known ?? undefined;
    const found = quietly(() => findRetainedView(node, this.facts));
    this.views.set(node, found ?? null);
    return found;
  }

  /** A view of a parser's input that the parser hands back in its result or keeps (`strict`). */
  parsedView(node: TSESTree.CallExpression | TSESTree.NewExpression): RetainedView | undefined {
    return quietly(() => findParsedView(node, this.facts));
  }

  /** A view of a kept buffer the code writes into again (a scratch buffer), handed out or kept after the write. */
  reusedBufferView(node: TSESTree.CallExpression | TSESTree.NewExpression): ReusedBufferView | undefined {
    return quietly(() => findReusedBufferView(node, this.facts));
  }

  /** A reader object's view of its bytes (`this.readBytes()`) put in the record one of its methods returns (`strict`). */
  readerResultView(call: TSESTree.CallExpression): ReaderResultView | undefined {
    return quietly(() => findReaderResultView(call, this.facts));
  }

  /** A small Buffer from the shared pool kept in long-lived storage. */
  keptPooled(call: TSESTree.CallExpression): KeptPooled | undefined {
    return quietly(() => findKeptPooled(call, this.facts));
  }

  /** The views Node hands an event's handler (an HTTP `'upgrade'`'s `head`) that the handler keeps whole in long-lived storage. */
  keptEventViews(fn: FunctionNode): KeptEventView[] {
    return quietly(() => findKeptEventViews(fn, this.facts)) ?? [];
  }

  /** The ArrayBuffer uWebSockets.js lends to an `onData` callback, or a view of it, kept past the callback. */
  lentBufferViews(fn: FunctionNode): LentBufferView[] {
    return quietly(() => findLentBufferViews(fn, this.facts)) ?? [];
  }

  /** A view of WebAssembly memory handed out after the function frees the pointer it starts at, or runs the module again. */
  freedHeapView(node: TSESTree.NewExpression | TSESTree.CallExpression): FreedHeapView | undefined {
    return quietly(() => findFreedHeapView(node, this.facts));
  }

  /** A view a library returns by its contract (a compact-encoding decoder's) kept in long-lived storage. */
  keptLibraryView(call: TSESTree.CallExpression): KeptLibraryView | undefined {
    return quietly(() => findKeptLibraryView(call, this.facts));
  }

  /** A view of incoming data a function of another file of the package cuts and hands back, kept by its caller here. */
  keptArgumentView(call: TSESTree.CallExpression): KeptArgumentView | undefined {
    return quietly(() => findKeptArgumentView(call, this.facts));
  }

  /** Which call first answered for a kept piece of a split or match (`result[2]`), when several may hold it. */
  private readonly pieceOwners = new WeakMap<TSESTree.Node, TSESTree.Node>();

  /**
   * The sliced strings of incoming text `node` makes that are stored where they outlive it (every kept piece
   * of a split or match). A piece read from a variable that two calls fill (`result = re.exec(text)`, then
   * `result = result[0].match(…)`) is answered for once, by the first call asked.
   */
  retainedSubstrings(node: TSESTree.CallExpression, options: SliceOptions): RetainedSubstring[] {
    const found = quietly(() => findRetainedSubstrings(node, options, this.facts)) ?? [];
    return found.filter((substring) => {
      const piece = substring.slice.container && !substring.sink.wholeContainer ? substring.sink.value : undefined;
      if (!piece) return true;
      const owner = this.pieceOwners.get(piece);
      if (owner && owner !== node) return false;
      this.pieceOwners.set(piece, node);
      return true;
    });
  }

  /** `Buffer#slice` on a proven Buffer, or (with the option) `slice` on a `Uint8Array` a caller passes a Buffer. */
  bufferSlice(call: TSESTree.CallExpression, options: BufferSliceOptions): BufferSlice | Uint8ArrayBoundary | PublicUint8ArrayInput | undefined {
    return quietly(() => findBufferSlice(call, options, this.facts));
  }

  /** The views a `postMessage`/`structuredClone` call clones with their whole ArrayBuffer. */
  clonedViews(call: TSESTree.CallExpression): ClonedView[] {
    return quietly(() => findClonedViews(call, this.facts)) ?? [];
  }

  /** `x.buffer` used as if it were the view's bytes. */
  backingStoreUse(member: TSESTree.MemberExpression): BackingStoreUse | undefined {
    return quietly(() => findBackingStoreUse(member, this.facts));
  }

  /** A long-lived handler forwarding a payload it never reads to a destination it looks up. */
  forwarding(call: TSESTree.CallExpression, options: ForwardingOptions): Forwarding | undefined {
    return quietly(() => findForwarding(call, this.facts, options));
  }

  /** What keeps an idle actor (a class, or an object-literal server) resident. */
  hibernationBlockers(actor: ActorNode, options: HibernationOptions): Blocker[] {
    return quietly(() => findHibernationBlockers(actor, this.facts, options)) ?? [];
  }
}

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
    analysis = new Analysis(getFileFacts(key, context.settings, context.physicalFilename ?? context.filename));
    analyses.set(key, analysis);
  }
  return analysis;
}
