import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { CLONE_FUNCTIONS, IDB_STORE_METHODS, POST_MESSAGE_CONSTRUCTORS, POST_MESSAGE_RECEIVERS, POST_MESSAGE_TYPES } from './apis';
import { findVariable, isGlobalBinding, methodCall, nameOf, propertyName, singleInit, unwrap } from './ast';
import type { FileFacts } from './file';

export interface CloneOptions {
  /** Count every `x.postMessage(…)`, whatever `x` is (a view's store is cloned whoever receives it). */
  anyPostMessage?: boolean;
}

/**
 * Calls that structured-clone their first argument, so a view arrives with its whole ArrayBuffer:
 * `structuredClone(…)` and the global `postMessage(…)` (not shadowed); `x.postMessage(…)` on a worker,
 * port, channel or window (by type when known, else by the receiver's name or constructor); and an
 * IndexedDB object store's `put`/`add` (`tx.objectStore('data').put(value)`), which clones the value.
 */
export function isCloningCall(call: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts, options: CloneOptions = {}): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const sourceCode = facts.sourceCode;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return CLONE_FUNCTIONS.has(callee.name) && isGlobalBinding(sourceCode, callee);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  const receiver = unwrap(callee.object);
  if (method && IDB_STORE_METHODS.has(method)) return isObjectStore(receiver, facts);
  if (method !== 'postMessage') return false;
  if (options.anyPostMessage) return true;
  const parts = facts.kinds.typeParts(receiver);
  if (parts.length > 0 && !parts.includes('unknown')) return facts.kinds.isInstanceOf(receiver, POST_MESSAGE_TYPES);
  const name = nameOf(receiver);
  if (name && POST_MESSAGE_RECEIVERS.test(name)) return true;
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, receiver);
    const init = variable && singleInit(variable);
    const value = init && unwrap(init);
    return (
      value?.type === AST_NODE_TYPES.NewExpression &&
      value.callee.type === AST_NODE_TYPES.Identifier &&
      POST_MESSAGE_CONSTRUCTORS.has(value.callee.name)
    );
  }
  return false;
}

/**
 * `tx.objectStore('data')`, or a variable that holds one where it is used (its only value, or the one assigned
 * last before the use: `eu = txn.objectStore(name); eu.put(…)`); with types, an `IDBObjectStore`.
 */
function isObjectStore(receiver: TSESTree.Node, facts: FileFacts): boolean {
  const isStoreCall = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.CallExpression && methodCall(node)?.name === 'objectStore';
  if (isStoreCall(receiver)) return true;
  if (facts.kinds.isInstanceOf(receiver, IDB_STORE_TYPES)) return true;
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const held = facts.kinds.heldValue(receiver);
  return !!held && isStoreCall(unwrap(held));
}

const IDB_STORE_TYPES = new Set(['IDBObjectStore']);
