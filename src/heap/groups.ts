import { describePath, type PathStep, type RetainerTree } from './paths';
import type { HeapSnapshot } from './snapshot';

/** What every finding group has: the path that retains its members and the bytes freeing them would return. */
export interface GroupBase {
  /** Readable retaining path of the holders (views, Buffers, sliced strings), from the GC roots. */
  path: string;
  /** Edges from the GC roots to the group's first holder. */
  depth: number;
  /** The same path, step by step, for the group's first member (its last 64 steps when longer). */
  steps: PathStep[];
  /** Bytes that would be freed if the holders were exact-size copies. */
  bytes: number;
  /** Bytes of the largest single member. */
  largestBytes: number;
  /** Snapshot ids (`@id` in DevTools) of up to 5 holders, largest member first. */
  exampleIds: number[];
}

export interface Member {
  /** The node whose path is reported (the view, Buffer or sliced string). */
  holder: number;
  bytes: number;
}

export interface Accumulated {
  path: string;
  depth: number;
  steps: PathStep[];
  members: Member[];
  bytes: number;
  largestBytes: number;
}

/** Groups members by the readable path of their holder; largest total first. */
export function groupByPath(snapshot: HeapSnapshot, tree: RetainerTree, members: Iterable<Member>): Accumulated[] {
  const groups = new Map<string, Accumulated>();
  for (const member of members) {
    const path = describePath(snapshot, tree, member.holder);
    if (!path) continue;
    let group = groups.get(path.text);
    if (!group) {
      group = { path: path.text, depth: path.depth, steps: path.steps, members: [], bytes: 0, largestBytes: 0 };
      groups.set(path.text, group);
    }
    group.members.push(member);
    group.bytes += member.bytes;
    if (member.bytes > group.largestBytes) group.largestBytes = member.bytes;
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The fields every finding group shares, from an accumulated group. */
export function groupBase(snapshot: HeapSnapshot, group: Accumulated): GroupBase {
  return {
    path: group.path,
    depth: group.depth,
    steps: group.steps,
    bytes: group.bytes,
    largestBytes: group.largestBytes,
    exampleIds: exampleIds(snapshot, group.members),
  };
}

/** The sum over members of a per-holder count (a holder missing from `counts` counts once). */
export function memberCount(members: Member[], counts: Map<number, number>): number {
  return members.reduce((sum, member) => sum + (counts.get(member.holder) ?? 1), 0);
}

export function exampleIds(snapshot: HeapSnapshot, members: Member[]): number[] {
  return [...members]
    .sort((a, b) => b.bytes - a.bytes || a.holder - b.holder)
    .slice(0, 5)
    .map((m) => snapshot.nodeId[m.holder]);
}

/** Counts of each holder class name, e.g. `{ Buffer: 10, Uint8Array: 2 }`. */
export function classCounts(snapshot: HeapSnapshot, nodes: Iterable<number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of nodes) {
    const name = snapshot.nodeNameOf(node) || '(anonymous)';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
