import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_RELEASE_FUNCTIONS, getAnalysis, type Blocker, type BlockerKind, type HibernationChecks } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { hasCommentInside } from '../src/fix/expressions';

type Options = [{ checks?: Partial<HibernationChecks>; releaseFunctions?: string[] }];
type MessageId =
  | 'acceptedSocket'
  | 'socketListener'
  | 'residentTimer'
  | 'closeNotCalled'
  | 'socketStateInMemory'
  | 'partyKitListener'
  | 'unreleasedBuffer'
  | 'acceptWithHibernation'
  | 'closeSocket';

const MESSAGE: Record<BlockerKind, MessageId> = {
  'accepted-socket': 'acceptedSocket',
  'socket-listener': 'socketListener',
  'resident-timer': 'residentTimer',
  'close-not-called': 'closeNotCalled',
  'socket-state': 'socketStateInMemory',
  'partykit-listener': 'partyKitListener',
  'unreleased-buffer': 'unreleasedBuffer',
};

const ALL_CHECKS: HibernationChecks = { durableObjects: true, partyKit: true, actorBuffers: true };

export default createRule<Options, MessageId>({
  name: 'require-hibernation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require idle actors to be able to hibernate: no sockets, timers or buffers that keep them resident',
      recommended: 'recommended',
      typeCheckedOptions: [{ checks: ALL_CHECKS }],
      strictOptions: [{ checks: ALL_CHECKS }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checks: {
            type: 'object',
            description:
              'Which blockers to look for: `durableObjects` (sockets, listeners, timers, webSocketClose, per-socket state in Durable Objects; default true), `partyKit` (listeners attached in onConnect with hibernate: true; default false), `actorBuffers` (actor fields that accumulate buffers or strings and are never released; default false)',
            properties: {
              durableObjects: { type: 'boolean', description: 'Durable Object blockers (default true)' },
              partyKit: { type: 'boolean', description: 'PartyKit blockers (default false; on in recommended-type-checked)' },
              actorBuffers: { type: 'boolean', description: 'Unreleased actor buffers (default false; on in recommended-type-checked)' },
            },
            additionalProperties: false,
          },
          releaseFunctions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: `Functions that release or compact an idle actor's state, added to the defaults (${DEFAULT_RELEASE_FUNCTIONS.join(', ')}); a call to one in the file clears its actors of the accumulation check`,
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      acceptedSocket:
        '`{{subject}}.accept()` keeps {{actor}} in memory for as long as the socket is open (blocker: socket accepted outside the Hibernation API). Accept it with `ctx.acceptWebSocket({{subject}})`; handler methods it then needs: {{detail}}.',
      socketListener:
        "`{{subject}}.addEventListener('{{detail}}', …)` keeps {{actor}} in memory while the socket is open (blocker: listener on a WebSocket). Accept the socket with `ctx.acceptWebSocket` and handle the event in `{{handlerMethod}}`.",
      residentTimer:
        '`{{subject}}` in {{actor}} keeps the object awake until it fires or is cleared (blocker: timer instead of an alarm). Schedule the work with `ctx.storage.setAlarm()` and do it in `alarm()`.',
      closeNotCalled:
        '{{actor}}.webSocketClose never calls `{{subject}}.close()` (blocker: half-closed socket): the connection stays open, and the object resident, until the runtime gives up on it.',
      socketStateInMemory:
        '{{actor}} keeps per-socket state in `this.{{subject}}`, keyed by the socket, without `serializeAttachment` (blocker: per-socket state in memory): the object cannot hibernate without losing it. Store it with `ws.serializeAttachment()` and read it back with `ws.deserializeAttachment()`.',
      partyKitListener:
        '`{{subject}}` in {{actor}}.onConnect with `hibernate: true` (blocker: per-connection listener): it keeps the room awake while attached and is gone after the room hibernates. Handle messages in `onMessage(message, connection)`.',
      unreleasedBuffer:
        '{{handler}} accumulates {{what}} into `this.{{subject}}`, which nothing in {{actor}} clears, trims or compacts (blocker: unreleased buffers): an idle actor keeps all of it resident. Release it when idle (an idle timer, or `hibernateWhenIdle` from leakproof/runtime).',
      acceptWithHibernation: 'Accept with `{{state}}.acceptWebSocket({{subject}})` (then add {{detail}}).',
      closeSocket: 'Call `{{subject}}.close()` at the start of webSocketClose.',
    },
  },
  defaultOptions: [{ checks: { durableObjects: true, partyKit: false, actorBuffers: false }, releaseFunctions: [] }],
  create(context, [options]) {
    const checks: HibernationChecks = {
      durableObjects: options.checks?.durableObjects ?? true,
      partyKit: options.checks?.partyKit ?? false,
      actorBuffers: options.checks?.actorBuffers ?? false,
    };
    const releaseFunctions = new Set([...DEFAULT_RELEASE_FUNCTIONS, ...(options.releaseFunctions ?? [])]);
    const sourceCode = context.sourceCode;

    const report = (blocker: Blocker) => {
      const messageId = MESSAGE[blocker.kind];
      const [handler, what] = blocker.detail.split('|');
      const data = {
        actor: blocker.actor,
        subject: blocker.subject,
        detail: blocker.detail,
        handlerMethod: blocker.kind === 'socket-listener' ? (blocker.stateExpression ?? 'webSocketMessage') : '',
        handler: handler ?? '',
        what: what ?? '',
      };
      if (blocker.kind === 'accepted-socket' && blocker.stateExpression) {
        const call = blocker.node as TSESTree.CallExpression;
        const state = blocker.stateExpression;
        const fix = hasCommentInside(sourceCode, call)
          ? null
          : (fixer: TSESLint.RuleFixer) =>
              fixer.replaceText(call, `${state}.acceptWebSocket(${blocker.subject})`);
        context.report({ node: call, messageId, data, ...fixOrSuggest(fix, false, 'acceptWithHibernation', { ...data, state }) });
        return;
      }
      if (blocker.kind === 'close-not-called' && blocker.closeInsertion) {
        const { after, text } = blocker.closeInsertion;
        context.report({
          node: blocker.node,
          messageId,
          data,
          ...fixOrSuggest((fixer) => fixer.insertTextAfter(after, text), false, 'closeSocket', data),
        });
        return;
      }
      context.report({ node: blocker.node, messageId, data });
    };

    const check = (cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression) => {
      for (const blocker of getAnalysis(context).hibernationBlockers(cls, { checks, releaseFunctions })) report(blocker);
    };
    return { ClassDeclaration: check, ClassExpression: check };
  },
});
