import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileFacts } from '../../src/analysis/file';
import { findHibernationBlockers, type Blocker } from '../../src/analysis/hibernation';
import { typedTester, untypedTester, TYPED_FILENAME } from '../helpers/rule-tester';

// A probe rule: for every class, reports each blocker the hibernation analysis finds with its typed
// details (not the rule's message), so the split modules are asserted directly.
const ALL = { checks: { durableObjects: true, partyKit: true, actorBuffers: true }, releaseFunctions: new Set(['hibernate']) };

function describe_(blocker: Blocker): string {
  switch (blocker.kind) {
    case 'accepted-socket':
      return `${blocker.kind} ${blocker.socket} events=${blocker.events.join(',')} missing=${blocker.missingHandlers.join(',')} state=${blocker.stateExpression ?? '-'}`;
    case 'socket-listener':
      return `${blocker.kind} ${blocker.socket} events=${blocker.events.join(',')}`;
    case 'close-not-called':
      return `${blocker.kind} ${blocker.socket} via=${blocker.via ?? '-'}`;
    case 'resident-timer':
      return `${blocker.kind} ${blocker.timer}`;
    case 'socket-state':
      return `${blocker.kind} ${blocker.field}`;
    case 'partykit-listener':
      return `${blocker.kind} ${blocker.listener} by=${blocker.selectedBy}`;
    case 'unreleased-buffer':
      return `${blocker.kind} ${blocker.field} ${blocker.handler} ${blocker.what}`;
  }
}

const probe: TSESLint.RuleModule<'blocker'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { blocker: '{{text}}' }, schema: [] },
  create(context) {
    const check = (node: TSESTree.ClassDeclaration | TSESTree.ObjectExpression) => {
      const facts = getFileFacts(context.sourceCode, context.settings);
      for (const blocker of findHibernationBlockers(node, facts, ALL)) context.report({ node: blocker.node, messageId: 'blocker', data: { text: describe_(blocker) } });
    };
    return { ClassDeclaration: check, 'ExportDefaultDeclaration > ObjectExpression': check };
  },
};

const said = (text: string, line: number) => ({ messageId: 'blocker' as const, data: { text }, line });

const cases = {
  valid: [
    // constructor(state, env) alone is no Durable Object.
    `export class Counter {\n  constructor(state, env) { this.state = state; }\n  start() { setInterval(() => {}, 1000); }\n}`,
  ],
  invalid: [
    {
      // The workers-chat-demo shape: the pair socket handed to handleSession, accepted and listened to there.
      code: `export class ChatRoom {\n  constructor(state, env) { this.state = state; this.storage = state.storage; }\n  async fetch(request) {\n    const pair = new WebSocketPair();\n    await this.handleSession(pair[1]);\n  }\n  async handleSession(ws) {\n    ws.accept();\n    ws.addEventListener('message', () => {});\n    ws.addEventListener('close', () => {});\n  }\n}`,
      errors: [said('accepted-socket ws events=message,close missing=webSocketMessage,webSocketClose,webSocketError state=this.state', 8)],
    },
    {
      code: `export class Room extends DurableObject {\n  async webSocketClose(ws) { this.onClose(ws); }\n  onClose(ws) {}\n}`,
      errors: [said('close-not-called ws via=onClose', 2)],
    },
    {
      code: `export default {\n  onConnect(conn) { conn.addEventListener('message', () => {}); },\n  onMessage(message) {},\n};`,
      errors: [said("partykit-listener conn.addEventListener('message', …) by=onMessage", 2)],
    },
    {
      code: `export class ChatSession {\n  log = '';\n  handle(text) { this.log += text; }\n}`,
      errors: [said('unreleased-buffer log ChatSession.handle strings', 3)],
    },
  ],
};

describe('hibernation blockers without types', () => {
  untypedTester.run('hibernation', probe as never, cases);
});

describe('hibernation blockers with types', () => {
  typedTester.run('hibernation', probe as never, {
    valid: cases.valid.map((code) => ({ code, filename: TYPED_FILENAME })),
    invalid: cases.invalid.map((test) => ({ ...test, filename: TYPED_FILENAME })),
  });
});
