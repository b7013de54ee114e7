import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { PARTYKIT_MESSAGE_METHOD } from '../apis';
import { memberKeyName } from '../ast';
import type { FileFacts } from '../file';
import { actorBufferBlockers } from './actor-buffers';
import type { Blocker, HibernationOptions } from './blocker';
import { DurableObjectChecks, isDurableObject } from './durable-objects';
import { partyKitBlockers } from './partykit';
import { ActorScan, type ActorNode } from './scan';

export type * from './blocker';
export type { ActorNode } from './scan';

/**
 * The blockers in one actor (a class, or a server written as an object literal), one module a platform
 * over one shared scan of it, in source order. Never throws.
 */
export function findHibernationBlockers(node: ActorNode, facts: FileFacts, options: HibernationOptions): Blocker[] {
  try {
    // An object literal is a server only for PartyKit's API, and only one that defines `onMessage` hibernates.
    if (node.type === AST_NODE_TYPES.ObjectExpression && (!options.checks.partyKit || !node.properties.some((prop) => prop.type === AST_NODE_TYPES.Property && memberKeyName(prop) === PARTYKIT_MESSAGE_METHOD))) {
      return [];
    }
    const scan = new ActorScan(node, facts);
    const blockers: Blocker[] = [];
    if (options.checks.durableObjects && isDurableObject(scan)) new DurableObjectChecks(scan, blockers).run();
    if (options.checks.partyKit) partyKitBlockers(scan, blockers);
    if (options.checks.actorBuffers && node.type !== AST_NODE_TYPES.ObjectExpression) actorBufferBlockers(scan, options, blockers);
    return blockers.sort((a, b) => a.node.range[0] - b.node.range[0]);
  } catch {
    return [];
  }
}
