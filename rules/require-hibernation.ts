import type { TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_RELEASE_FUNCTIONS, SOCKET_EVENT_HANDLERS, getAnalysis, type ActorNode, type Blocker, type HibernationChecks } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildAcceptWebSocketFix, buildCloseFix } from '../src/fix/hibernation';

type Options = [{ checks?: Partial<HibernationChecks>; releaseFunctions?: string[] }];
type MessageId =
  | 'acceptedSocket'
  | 'acceptedSocketListeners'
  | 'socketListener'
  | 'residentTimer'
  | 'closeNotCalled'
  | 'closeHandedOff'
  | 'socketStateInMemory'
  | 'partyKitListener'
  | 'unreleasedBuffer'
  | 'acceptWithHibernation'
  | 'closeSocket';

const ALL_CHECKS: HibernationChecks = { durableObjects: true, partyKit: true, actorBuffers: true };

/** `'message'`, `'close'` and `'error'`. */
function listEvents(events: string[]): string {
  const quoted = events.map((event) => `'${event}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
}

/** The hibernation handler methods the events move to: `webSocketMessage`, `webSocketClose`. */
function listHandlers(events: string[]): string {
  const methods = [...new Set(events.map((event) => SOCKET_EVENT_HANDLERS[event]).filter(Boolean))];
  return (methods.length > 0 ? methods : Object.values(SOCKET_EVENT_HANDLERS)).map((name) => `\`${name}\``).join(', ');
}

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
      acceptedSocketListeners:
        '`{{subject}}.accept()` and its {{events}} listeners keep {{actor}} in memory for as long as the socket is open (blocker: socket accepted outside the Hibernation API). Accept it with `ctx.acceptWebSocket({{subject}})` and move the listeners into {{handlerMethods}}.',
      socketListener:
        '{{events}} listeners on `{{subject}}` keep {{actor}} in memory while the socket is open, and never fire once it has hibernated (blocker: listener on a WebSocket). Accept the socket with `ctx.acceptWebSocket` and handle the events in {{handlerMethods}}.',
      residentTimer:
        '`{{subject}}` in {{actor}} keeps the object awake until it fires or is cleared (blocker: timer instead of an alarm). Schedule the work with `ctx.storage.setAlarm()` and do it in `alarm()`.',
      closeNotCalled:
        '{{actor}}.webSocketClose never calls `{{subject}}.close()` (blocker: half-closed socket): the connection stays open, and the object resident, until the runtime gives up on it.',
      closeHandedOff:
        '{{actor}}.webSocketClose hands `{{subject}}` to `{{via}}`, and neither calls `{{subject}}.close()` (blocker: half-closed socket): the connection stays open, and the object resident, until the runtime gives up on it.',
      socketStateInMemory:
        '{{actor}} keeps per-socket state in `this.{{subject}}`, keyed by the socket, without `serializeAttachment` (blocker: per-socket state in memory): the object cannot hibernate without losing it. Store it with `ws.serializeAttachment()` and read it back with `ws.deserializeAttachment()`.',
      partyKitListener:
        '`{{subject}}` in {{actor}}.onConnect, which hibernates ({{selectedBy}}) (blocker: per-connection listener): it keeps the room awake while attached and is gone after the room hibernates. Handle messages in `onMessage(message, connection)`.',
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
      const actor = blocker.actor;
      switch (blocker.kind) {
        case 'accepted-socket': {
          const detail = blocker.missingHandlers.length > 0 ? blocker.missingHandlers.map((name) => `\`${name}\``).join(', ') : 'none (all are defined)';
          const data = { actor, subject: blocker.socket, detail, events: listEvents(blocker.events), handlerMethods: listHandlers(blocker.events) };
          const fix = buildAcceptWebSocketFix(sourceCode, blocker);
          context.report({
            node: blocker.node,
            messageId: blocker.events.length > 0 ? 'acceptedSocketListeners' : 'acceptedSocket',
            data,
            ...fixOrSuggest(fix, false, 'acceptWithHibernation', { ...data, state: blocker.stateExpression }),
          });
          return;
        }
        case 'socket-listener':
          context.report({
            node: blocker.node,
            messageId: 'socketListener',
            data: { actor, subject: blocker.socket, events: listEvents(blocker.events), handlerMethods: listHandlers(blocker.events) },
          });
          return;
        case 'resident-timer':
          context.report({ node: blocker.node, messageId: 'residentTimer', data: { actor, subject: blocker.timer } });
          return;
        case 'close-not-called': {
          const data = { actor, subject: blocker.socket, via: blocker.via ?? '' };
          const fix = buildCloseFix(sourceCode, blocker);
          context.report({
            node: blocker.node,
            messageId: blocker.via ? 'closeHandedOff' : 'closeNotCalled',
            data,
            ...fixOrSuggest(fix, false, 'closeSocket', data),
          });
          return;
        }
        case 'socket-state':
          context.report({ node: blocker.node, messageId: 'socketStateInMemory', data: { actor, subject: blocker.field } });
          return;
        case 'partykit-listener':
          context.report({ node: blocker.node, messageId: 'partyKitListener', data: { actor, subject: blocker.listener, selectedBy: blocker.selectedBy === 'option' ? '`hibernate: true`' : 'it defines `onMessage`' } });
          return;
        case 'unreleased-buffer':
          context.report({ node: blocker.node, messageId: 'unreleasedBuffer', data: { actor, subject: blocker.field, handler: blocker.handler, what: blocker.what } });
          return;
      }
    };

    const check = (actor: ActorNode) => {
      for (const blocker of getAnalysis(context).hibernationBlockers(actor, { checks, releaseFunctions })) report(blocker);
    };
    const visitors: Record<string, (node: TSESTree.Node) => void> = { ClassDeclaration: check as never, ClassExpression: check as never };
    if (checks.partyKit) {
      // PartyKit's object-literal API: `export default { onConnect, onMessage } satisfies Party.Worker`.
      visitors['ExportDefaultDeclaration > ObjectExpression'] = check as never;
      visitors['ExportDefaultDeclaration > TSSatisfiesExpression > ObjectExpression'] = check as never;
      visitors['ExportDefaultDeclaration > TSAsExpression > ObjectExpression'] = check as never;
      visitors['VariableDeclarator > ObjectExpression'] = check as never;
      visitors['VariableDeclarator > TSSatisfiesExpression > ObjectExpression'] = check as never;
    }
    return visitors;
  },
});
