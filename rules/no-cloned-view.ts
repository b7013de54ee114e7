import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getAnalysis } from '../src/analysis';
import { POST_MESSAGE_CONSTRUCTORS, POST_MESSAGE_RECEIVERS, POST_MESSAGE_TYPES } from '../src/analysis/apis';
import { findVariable, nameOf, propertyName, shortText, unwrap } from '../src/analysis/ast';
import { getBufferFacts, singleInit, type LargerBacking } from '../src/analysis/buffers';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildSendCopyFix } from '../src/fix/send-copy';

type MessageId = 'clonedView' | 'sendCopy';

const CLONE_CALL = 'CallExpression[callee.property.name="postMessage"], CallExpression[callee.name=/^(?:postMessage|structuredClone)$/]';
const MAX_DEPTH = 3;

export default createRule<[], MessageId>({
  name: 'no-cloned-view',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow posting or structured-cloning a view whose ArrayBuffer may be larger than the view',
      recommended: 'recommended-type-checked',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      clonedView:
        '`{{call}}` clones {{what}}: the whole ArrayBuffer behind it is serialized and arrives on the other side, not just the view\'s bytes (a 16-byte view of 1 MB ships 1 MB). Send an exact-size copy.',
      sendCopy: 'Send an exact-size copy of the view.',
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      [CLONE_CALL](call: TSESTree.CallExpression) {
        const analysis = getAnalysis(context);
        if (!isCloningCall(call, context.sourceCode, analysis)) return;
        const message = call.arguments[0];
        if (!message || message.type === AST_NODE_TYPES.SpreadElement) return;
        const buffers = getBufferFacts(analysis);
        const transferText = call.arguments
          .slice(1)
          .map((arg) => context.sourceCode.getText(arg).replace(/\s+/g, ''))
          .join(' ');
        const visit = (value: TSESTree.Node, depth: number, property?: TSESTree.Property) => {
          const node = unwrap(value);
          if (node.type === AST_NODE_TYPES.ObjectExpression && depth < MAX_DEPTH) {
            for (const prop of node.properties) {
              if (prop.type === AST_NODE_TYPES.Property && prop.kind === 'init' && !prop.method) {
                visit(prop.value, depth + 1, prop);
              }
            }
            return;
          }
          if (node.type === AST_NODE_TYPES.ArrayExpression && depth < MAX_DEPTH) {
            for (const element of node.elements) {
              if (element && element.type !== AST_NODE_TYPES.SpreadElement) visit(element, depth + 1);
            }
            return;
          }
          let found: LargerBacking | undefined;
          try {
            found = buffers.largerBacking(node);
          } catch {
            found = undefined;
          }
          if (!found) return;
          // Transferred, not cloned: `postMessage(view, [view.buffer])` (no-backing-buffer-escape judges that).
          const text = context.sourceCode.getText(node).replace(/\s+/g, '');
          if (transferText.includes(`${text}.buffer`)) return;
          const copy = buildSendCopyFix(context.sourceCode, context.filename, value, found, analysis.origins, property);
          context.report({
            node: value,
            messageId: 'clonedView',
            data: { call: shortText(context.sourceCode, call.callee) + '()', what: found.label },
            // `postMessage` takes `any`: only `structuredClone` returns the copy's static type to the file.
            ...fixOrSuggest(copy?.fix ?? null, !!copy?.keepsType || (!isStructuredClone(call) && found.kind !== 'unknown'), 'sendCopy'),
          });
        };
        visit(message, 0);
      },
    };
  },
});

function isStructuredClone(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'structuredClone';
}

/**
 * `structuredClone(...)` and `postMessage(...)` (the globals, not shadowed), and `x.postMessage(...)` on a
 * worker, port, channel or window: by type when known, else by the receiver's name or constructor.
 */
function isCloningCall(
  call: TSESTree.CallExpression,
  sourceCode: Parameters<typeof findVariable>[0],
  analysis: ReturnType<typeof getAnalysis>,
): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, callee);
    return !variable || variable.defs.length === 0;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'postMessage') return false;
  const receiver = unwrap(callee.object);
  const types = analysis.types;
  if (types.typed) {
    const parts = types.partKinds(receiver);
    if (parts.length > 0 && !parts.includes('unknown')) return types.hasNominalBase(receiver, POST_MESSAGE_TYPES);
  }
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
