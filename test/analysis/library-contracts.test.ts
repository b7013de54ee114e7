import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileFacts } from '../../src/analysis/file';
import { untypedTester } from '../helpers/rule-tester';

// A probe rule: for every call passed to `probe(…)`, reports the library contract the analysis finds for it
// (kind, module, what, evidence, copyable, the source argument), or nothing when there is none.
const probe: TSESLint.RuleModule<'contract'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { contract: '{{kind}}|{{module}}|{{label}}|{{what}}|{{evidence}}|{{copyable}}|{{source}}' }, schema: [] },
  create(context) {
    return {
      'CallExpression[callee.name="probe"] > CallExpression'(call: TSESTree.CallExpression) {
        const contract = getFileFacts(context.sourceCode, context.settings).kinds.libraryContract(call);
        if (!contract) return;
        context.report({
          node: call,
          messageId: 'contract',
          data: {
            kind: contract.kind,
            module: contract.module,
            label: contract.label,
            what: contract.what,
            evidence: contract.evidence,
            copyable: String(contract.copyable ?? '-'),
            source: contract.source ? context.sourceCode.getText(contract.source) : '-',
          },
        });
      },
    };
  },
};

const contract = (kind: string, module: string, label: string, what: string, evidence: string, copyable: string, source: string) => ({
  messageId: 'contract' as const,
  data: { kind, module, label, what, evidence, copyable, source },
});

describe('library contracts', () => {
  untypedTester.run('library-contracts', probe as never, {
    valid: [
      // Bound to another module, or to nothing: the name `c` is no proof.
      `const c = require('./codec');\nprobe(c.fixed32.decode(state));`,
      `const c = { fixed32: { decode: (s) => s } };\nprobe(c.fixed32.decode(state));`,
      `probe(c.buffer.decode(state));`,
      // A decoder of a number or a string holds nothing of the message.
      `const c = require('compact-encoding');\nprobe(c.uint.decode(state));\nprobe(c.string.decode(state));\nprobe(c.decode(c.uint, buf));`,
      // hypercore-crypto functions that allocate out of the pool (measured): no contract.
      `const crypto = require('hypercore-crypto');\nprobe(crypto.discoveryKey(key));\nprobe(crypto.sign(m, sk));\nprobe(crypto.keyPair());`,
      // A property some write of which is not the module.
      `const crypto = require('hypercore-crypto');\nclass T { constructor(o) { this.crypto = o.crypto || crypto; } h() { return probe(this.crypto.hash(x)); } }`,
    ],
    invalid: [
      {
        code: `const c = require('compact-encoding');\nprobe(c.fixed32.decode(state));\nprobe(c.buffer.decode(state));`,
        errors: [
          contract('view', 'compact-encoding', "compact-encoding's `fixed32.decode()`", 'a 32-byte view of the message `state` reads', 'compact-encoding decoders return views', 'true', 'state'),
          contract('view', 'compact-encoding', "compact-encoding's `buffer.decode()`", 'a view of the message `state` reads', 'compact-encoding decoders return views', 'true', 'state'),
        ],
      },
      {
        // Named imports, ES and CommonJS.
        code: `import { fixed64 } from 'compact-encoding';\nconst { decode } = require('compact-encoding');\nprobe(fixed64.decode(s));\nprobe(decode(m.record, msg));`,
        errors: [
          contract('view', 'compact-encoding', "compact-encoding's `fixed64.decode()`", 'a 64-byte view of the message `s` reads', 'compact-encoding decoders return views', 'true', 's'),
          contract('view', 'compact-encoding', "compact-encoding's `decode()`", 'decoded from `msg`, and the bytes it holds are views of `msg`', 'compact-encoding decoders return views of the buffer they read', 'false', 'msg'),
        ],
      },
      {
        // `c.decode` of a bytes encoding is that encoding's view of the buffer.
        code: `import c from 'compact-encoding';\nprobe(c.decode(c.fixed32, buf));`,
        errors: [contract('view', 'compact-encoding', "compact-encoding's `fixed32.decode()`", 'a 32-byte view of `buf`', 'compact-encoding decoders return views', 'true', 'buf')],
      },
      {
        // hypercore-crypto's pooled results, by the module, a named import, and a property that only ever holds the module.
        code: `const crypto = require('hypercore-crypto');\nconst { tree } = require('hypercore-crypto');\nprobe(crypto.hash(x));\nprobe(tree(roots));\nclass T { constructor() { this.crypto = crypto; } }\nclass B { h() { return probe(this.tree.crypto.parent(a, b)); } }`,
        errors: [
          contract('pooled', 'hypercore-crypto', "hypercore-crypto's `hash()`", 'a Buffer from the shared pool', "hypercore-crypto's `hash()` writes into `b4a.allocUnsafe(32)`", '-', '-'),
          contract('pooled', 'hypercore-crypto', "hypercore-crypto's `tree()`", 'a Buffer from the shared pool', "hypercore-crypto's `tree()` writes into `b4a.allocUnsafe(32)`", '-', '-'),
          contract('pooled', 'hypercore-crypto', "hypercore-crypto's `parent()`", 'a Buffer from the shared pool', "hypercore-crypto's `parent()` writes into `b4a.allocUnsafe(32)`", '-', '-'),
        ],
      },
    ],
  });
});
