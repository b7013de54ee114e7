import type { InspectOptions, InspectResult, RetainedBuffer } from './types';
import { coveredBytes, pathTo, walk, type Walk, type WalkedBuffer } from './walk';

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 0 && Number.isFinite(value) ? Math.floor(value) : fallback;
}

export function emptyResult(error?: string): InspectResult {
  const result: InspectResult = {
    usedBytes: 0,
    retainedBytes: 0,
    wastedBytes: 0,
    views: 0,
    buffers: 0,
    truncated: false,
    top: [],
    nodes: 0,
    proxies: 0,
    accessors: 0,
    unreadable: 0,
  };
  if (error !== undefined) result.error = error;
  return result;
}

/** Sums a walk into an `InspectResult`. */
export function summarize(walked: Walk, options: InspectOptions | undefined): InspectResult {
  const topCount = count(options?.top, 10);
  const maxPaths = count(options?.maxPaths, 5);
  const result = emptyResult();
  const scored: Array<{ entry: WalkedBuffer; used: number; wasted: number }> = [];
  for (const entry of walked.buffers.values()) {
    const used = coveredBytes(entry);
    result.retainedBytes += entry.byteLength;
    result.usedBytes += used;
    scored.push({ entry, used, wasted: entry.byteLength - used });
  }
  result.wastedBytes = result.retainedBytes - result.usedBytes;
  result.views = walked.viewCount;
  result.buffers = walked.buffers.size;
  result.truncated = walked.truncated;
  if (walked.truncatedBy !== undefined) result.truncatedBy = walked.truncatedBy;
  result.nodes = walked.nodes.length + walked.leaves;
  result.proxies = walked.proxies;
  result.accessors = walked.accessors;
  result.unreadable = walked.unreadable;
  scored.sort((a, b) => b.wasted - a.wasted || b.entry.byteLength - a.entry.byteLength);
  result.top = scored.slice(0, topCount).map(({ entry, used, wasted }) => describeBuffer(walked, entry, used, wasted, maxPaths));
  return result;
}

function describeBuffer(walked: Walk, entry: WalkedBuffer, used: number, wasted: number, maxPaths: number): RetainedBuffer {
  const paths: string[] = [];
  // Views were recorded in breadth-first order: the first paths are the shortest.
  if (entry.direct && paths.length < maxPaths) paths.push(pathTo(walked, entry.directNode));
  for (const view of entry.views) {
    if (paths.length >= maxPaths) break;
    paths.push(pathTo(walked, view.node));
  }
  return {
    byteLength: entry.byteLength,
    usedBytes: used,
    wastedBytes: wasted,
    views: entry.views.length,
    paths,
    pooled: entry.pooled,
    shared: entry.shared,
    direct: entry.direct,
  };
}

/**
 * Walks what `root` reaches and reports the ArrayBuffers its views keep alive: how many bytes they
 * hold, how many the views use, and the paths to the worst ones. Bounded by `maxNodes`/`maxDepth`;
 * runs no getters or proxy traps; never throws (a failure is reported in `error`).
 */
export function inspect(root: unknown, options?: InspectOptions): InspectResult {
  try {
    return summarize(walk(root, options, false), options);
  } catch (error) {
    return emptyResult(error instanceof Error ? error.message : String(error));
  }
}
