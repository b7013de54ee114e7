import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { CONNECTION_LISTEN_METHODS, PARTYKIT_CONNECT_METHOD, PARTYKIT_MESSAGE_METHOD } from '../apis';
import { findVariable, memberKeyName, propertyName, staticString, unwrap } from '../ast';
import type { Blocker } from './blocker';
import type { ActorScan } from './scan';

/**
 * PartyKit with hibernation: listeners attached to a connection in `onConnect` keep the room awake while
 * attached and are gone after it hibernates. A class selects hibernation with `options = { hibernate:
 * true }` (static or instance field); the object-literal API (`export default { onConnect, onMessage }`)
 * hibernates whenever it defines `onMessage`.
 */
export function partyKitBlockers(scan: ActorScan, blockers: Blocker[]): void {
  if (!hibernates(scan)) return;
  const selectedBy = scan.isClass ? 'option' : 'onMessage';
  const fn = scan.method(PARTYKIT_CONNECT_METHOD)?.fn;
  const conn = fn?.params[0];
  if (!fn || conn?.type !== AST_NODE_TYPES.Identifier) return;
  // One connection's listeners are one finding, at the first, naming all of them.
  const found: { node: TSESTree.Node; listener: string }[] = [];
  for (const ref of findVariable(scan.sourceCode, conn)?.references ?? []) {
    const member = ref.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) continue;
    const name = propertyName(member);
    const call = member.parent;
    if (name && CONNECTION_LISTEN_METHODS.has(name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      const event = staticString(call.arguments[0]);
      found.push({ node: call, listener: `${conn.name}.${name}(${event !== undefined ? `'${event}'` : '…'}, …)` });
    } else if (name && /^on[a-z]+$/.test(name) && call?.type === AST_NODE_TYPES.AssignmentExpression && call.left === member) {
      found.push({ node: call, listener: `${conn.name}.${name} = …` });
    }
  }
  found.sort((a, b) => a.node.range[0] - b.node.range[0]);
  if (found.length > 0) {
    blockers.push({ kind: 'partykit-listener', node: found[0].node, actor: scan.name, listener: found.map((f) => f.listener).join('`, `'), selectedBy });
  }
}

function hibernates(scan: ActorScan): boolean {
  if (!scan.isClass) return !!scan.method(PARTYKIT_MESSAGE_METHOD) && isExportedServer(scan);
  return scan.fields('options').some((member) => {
    const value = member.value && unwrap(member.value);
    return (
      value?.type === AST_NODE_TYPES.ObjectExpression &&
      value.properties.some(
        (prop) => prop.type === AST_NODE_TYPES.Property && memberKeyName(prop) === 'hibernate' && prop.value.type === AST_NODE_TYPES.Literal && prop.value.value === true,
      )
    );
  });
}

/** `export default { … }`, possibly through `satisfies Party.Worker`, or a `const` exported by default. */
function isExportedServer(scan: ActorScan): boolean {
  let holder = scan.node.parent;
  while (holder && (holder.type === AST_NODE_TYPES.TSSatisfiesExpression || holder.type === AST_NODE_TYPES.TSAsExpression)) holder = holder.parent;
  if (holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scan.sourceCode, holder.id);
  return !!variable?.references.some((ref) => ref.identifier.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration);
}
