import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import type { AcceptedSocket, CloseNotCalled } from '../analysis';
import { hasCommentInside } from './expressions';

/**
 * `server.accept()` → `this.ctx.acceptWebSocket(server)`: the socket is then held by the runtime, and the
 * object can hibernate. Only when the class names its state, and no comment sits in the call.
 */
export function buildAcceptWebSocketFix(sourceCode: Readonly<TSESLint.SourceCode>, blocker: AcceptedSocket): TSESLint.ReportFixFunction | null {
  const state = blocker.stateExpression;
  if (!state || hasCommentInside(sourceCode, blocker.node)) return null;
  return (fixer) => fixer.replaceText(blocker.node, `${state}.acceptWebSocket(${blocker.socket})`);
}

/**
 * `ws.close();` as the first statement of `webSocketClose`, indented like the body (or, in an empty body,
 * on its own line). Nothing when a comment sits in the body: the edit could land among them.
 */
export function buildCloseFix(sourceCode: Readonly<TSESLint.SourceCode>, blocker: CloseNotCalled): TSESLint.ReportFixFunction | null {
  const body = blocker.method.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement || sourceCode.getCommentsInside(body).length > 0) return null;
  const open = sourceCode.getFirstToken(body);
  if (!open) return null;
  const first = body.body[0];
  const member = blocker.method.parent ?? blocker.method;
  const indent = ' '.repeat(first ? first.loc.start.column : member.loc.start.column + 2);
  const closingIndent = ' '.repeat(member.loc.start.column);
  const text = first ? `\n${indent}${blocker.socket}.close();` : `\n${indent}${blocker.socket}.close();\n${closingIndent}`;
  return (fixer) => fixer.insertTextAfter(open, text);
}
