import { buildRetainerTree } from './paths';
import { DEFAULT_POOL_SIZE, findPinnedSlabs, findPoolSize, isPinnedSlab, type PinnedSlabGroup, type PoolSize } from './pool-slabs';
import { HeapSnapshotError, readHeapSnapshot, type ReadProgress, type SnapshotSource } from './reader';
import { takeRetentionCensus } from './retention';
import { findSlicedStrings, type SlicedStringGroup } from './sliced-strings';
import { summarize, type HeapSummary } from './summary';
import { findRetainedViews, type RetainedViewGroup } from './views';

export type { PathStep } from './paths';
export type { GroupBase } from './groups';
export type { Explained, HeapSummary } from './summary';
export type { ReadProgress, SnapshotSource } from './reader';
export type { RetainedViewGroup, PinnedSlabGroup, SlicedStringGroup, PoolSize };
export { HeapSnapshotError, DEFAULT_POOL_SIZE };
export { readHeapSnapshot } from './reader';
export { HeapSnapshot, HeapNode } from './snapshot';

export interface HeapAnalysisOptions {
  /** Keep the N largest groups of each kind (default 10; 0 or Infinity keeps all). */
  top?: number;
  /** Drop groups whose bytes are below this (default 65536). */
  minBytes?: number;
  /** Pool slab size used when the snapshot does not show it (default 8192, Node up to 26.2). */
  poolSize?: number;
  /** Report a sliced string's parent only from this size up (default 1024 bytes). */
  minParentBytes?: number;
  /** Progress while reading, then once per analysis phase. */
  onProgress?: (progress: HeapAnalysisProgress) => void;
  /** Name used in error messages; defaults to the path. */
  label?: string;
}

export type HeapAnalysisProgress =
  | ({ phase: 'read' } & ReadProgress)
  | { phase: 'paths' | 'retainers' | 'groups'; bytesRead?: undefined; totalBytes?: undefined };

export interface HeapAnalysis {
  /** Version of this result's shape (and of the CLI's `--json` output); bumped on incompatible change. */
  schemaVersion: 1;
  summary: HeapSummary;
  poolSize: PoolSize & { currentSlab?: undefined };
  /** Largest first; trimmed by `top` and `minBytes`. */
  retainedViews: RetainedViewGroup[];
  pinnedSlabs: PinnedSlabGroup[];
  slicedStrings: SlicedStringGroup[];
  /** Groups left out by `top` and `minBytes`, per kind. */
  omitted: { retainedViews: number; pinnedSlabs: number; slicedStrings: number };
  options: { top: number; minBytes: number; minParentBytes: number };
}

export const DEFAULT_TOP = 10;
export const DEFAULT_MIN_BYTES = 65536;
export const DEFAULT_MIN_PARENT_BYTES = 1024;

function trim<T extends { bytes: number }>(groups: T[], top: number, minBytes: number): T[] {
  const kept = groups.filter((g) => g.bytes >= minBytes);
  return top > 0 && Number.isFinite(top) ? kept.slice(0, top) : kept;
}

/**
 * Reads a V8 heap snapshot (a path, or a stream of its bytes) and reports what the source rules look
 * for: ArrayBuffers kept only by views, pinned Buffer-pool slabs, and strings kept only by sliced
 * pieces, each grouped by retaining path with the bytes freeing them would return. Broken input
 * rejects with a `HeapSnapshotError` whose message is one line.
 */
export async function analyzeHeapSnapshot(source: SnapshotSource, options: HeapAnalysisOptions = {}): Promise<HeapAnalysis> {
  const top = options.top ?? DEFAULT_TOP;
  const minBytes = options.minBytes ?? DEFAULT_MIN_BYTES;
  const minParentBytes = options.minParentBytes ?? DEFAULT_MIN_PARENT_BYTES;
  const progress = options.onProgress;
  const snapshot = await readHeapSnapshot(source, {
    label: options.label,
    onProgress: progress ? (p) => progress({ phase: 'read', ...p }) : undefined,
  });
  progress?.({ phase: 'paths' });
  const tree = buildRetainerTree(snapshot);
  progress?.({ phase: 'retainers' });
  const census = takeRetentionCensus(snapshot, tree);
  const pool = findPoolSize(snapshot, census, options.poolSize ?? DEFAULT_POOL_SIZE);
  progress?.({ phase: 'groups' });
  const retainedViews = findRetainedViews(snapshot, tree, census, (slot) => isPinnedSlab(census, pool, slot));
  const pinnedSlabs = findPinnedSlabs(snapshot, tree, census, pool);
  const slicedStrings = findSlicedStrings(snapshot, tree, census, minParentBytes);
  const summary = summarize(snapshot, tree, census, { retainedViews, pinnedSlabs, slicedStrings });
  const kept = {
    retainedViews: trim(retainedViews, top, minBytes),
    pinnedSlabs: trim(pinnedSlabs, top, minBytes),
    slicedStrings: trim(slicedStrings, top, minBytes),
  };
  return {
    schemaVersion: 1,
    summary,
    poolSize: { bytes: pool.bytes, source: pool.source },
    ...kept,
    omitted: {
      retainedViews: retainedViews.length - kept.retainedViews.length,
      pinnedSlabs: pinnedSlabs.length - kept.pinnedSlabs.length,
      slicedStrings: slicedStrings.length - kept.slicedStrings.length,
    },
    options: { top, minBytes, minParentBytes },
  };
}

/** True when the analysis found anything worth a non-zero exit code. */
export function hasFindings(analysis: HeapAnalysis): boolean {
  return analysis.retainedViews.length + analysis.pinnedSlabs.length + analysis.slicedStrings.length > 0;
}
