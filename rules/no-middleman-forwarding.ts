import type { TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_SEND_METHODS, SEND_FUNCTIONS, getAnalysis, shortText } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildTransferFix } from '../src/fix/transfer';

type Options = [{ sendMethods?: string[] }];
type MessageId = 'middlemanForward' | 'transferPayload';

/** What a hop costs, by the send (the same with and without types, so both modes say the same). */
function describeCost(method: string): string {
  if (method === 'postMessage') return '`postMessage` structured-clones it, and a view ships its whole ArrayBuffer';
  return `\`${method}\` copies or queues it`;
}

export default createRule<Options, MessageId>({
  name: 'no-middleman-forwarding',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived handlers that forward a payload they never read to a destination they look up',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          sendMethods: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: `Method names that hand a payload to another actor, worker or peer, added to the defaults (${DEFAULT_SEND_METHODS.join(', ')})`,
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      middlemanForward:
        '{{handler}} forwards {{payload}} unchanged to a destination it picks with `{{lookup}}`: every message is copied through this router ({{cost}}) and held here while it is queued. Return the destination and let the caller send.',
      transferPayload: 'Transfer `{{payload}}` instead of copying it (the router can no longer read it afterwards).',
    },
  },
  defaultOptions: [{ sendMethods: [] }],
  create(context, [options]) {
    const { sendMethods, methodPattern, functionPattern } = sendTables(options.sendMethods ?? []);
    const check = (call: TSESTree.CallExpression) => {
      const found = getAnalysis(context).forwarding(call, { sendMethods });
      if (!found) return;
      const payload = shortText(context.sourceCode, found.payload);
      const transfer = found.canTransfer && found.payloadKind === 'array-buffer' ? buildTransferFix(context.sourceCode, found.call, found.payload) : null;
      context.report({
        node: call,
        messageId: 'middlemanForward',
        data: {
          handler: found.label,
          payload: `\`${payload}\``,
          lookup: shortText(context.sourceCode, found.lookup),
          cost: describeCost(found.method),
        },
        ...fixOrSuggest(transfer, false, 'transferPayload', { payload }),
      });
    };
    return {
      [`CallExpression[callee.property.name=/^(?:${methodPattern})$/]`]: check,
      [`CallExpression[callee.type="Identifier"][callee.name=/^(?:${functionPattern})$/]`]: check,
    };
  },
});

/**
 * The send methods and the selector patterns built from them, once per option list (create runs once a
 * file: building the set and the patterns there again each time was a tenth of the rule's time on the bench corpus).
 */
const sendTablesCache = new Map<string, { sendMethods: ReadonlySet<string>; methodPattern: string; functionPattern: string }>();
function sendTables(extra: readonly string[]): { sendMethods: ReadonlySet<string>; methodPattern: string; functionPattern: string } {
  const key = extra.join('\n');
  let tables = sendTablesCache.get(key);
  if (!tables) {
    const sendMethods = new Set([...DEFAULT_SEND_METHODS, ...extra]);
    tables = {
      sendMethods,
      methodPattern: [...sendMethods].map((name) => name.replace(/[^\w$]/g, '')).filter(Boolean).join('|'),
      functionPattern: [...SEND_FUNCTIONS.keys()].join('|'),
    };
    sendTablesCache.set(key, tables);
  }
  return tables;
}
