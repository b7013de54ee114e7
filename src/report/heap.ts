import type { SarifLogicalLocation } from './sarif';

/**
 * The retaining class and property of a heap group, from its readable path: the last step that names
 * an owner and a property (`global.actor → SessionActor.frames (Map) → value → Buffer` gives
 * `SessionActor.frames`; `global.pinned (Array) → [*] → Buffer` gives `global.pinned`). A path with no
 * such step (a GC root holding the value directly) is located by its holder's class.
 */
export function heapLogicalLocation(retainingPath: string): SarifLogicalLocation {
  const segments = retainingPath.split(' → ');
  for (let i = segments.length - 1; i >= 0; i--) {
    const match = /^(.*?[^.\s])\.([^.\s()[\]]+)(?: \(|$| ×)/.exec(segments[i] as string);
    if (match) return { name: match[2] as string, fullyQualifiedName: `${match[1]}.${match[2]}`, kind: 'member' };
  }
  const holder = (segments[segments.length - 1] ?? retainingPath).trim();
  return { name: holder, fullyQualifiedName: holder, kind: 'type' };
}
