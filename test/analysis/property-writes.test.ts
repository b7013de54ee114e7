import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileFacts } from '../../src/analysis/file';
import { untypedTester } from '../helpers/rule-tester';

// A probe rule: for every `probe(x)` call, reports the evidence the value-kind inference has that `x` is a
// Buffer. `o.data` is judged by every value the file writes to the property `data`, which the analysis
// finds by looking up where the name is spelled (not by walking the file): these cases pin that lookup to
// what a walk finds, in the walk's order (the last write's evidence is the one given).
const probe: TSESLint.RuleModule<'evidence'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { evidence: '{{evidence}}' }, schema: [] },
  create(context) {
    return {
      'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
        const kinds = getFileFacts(context.sourceCode, context.settings).kinds;
        context.report({ node: call.arguments[0]!, messageId: 'evidence', data: { evidence: kinds.isBuffer(call.arguments[0]!) ?? 'none' } });
      },
    };
  },
};

const said = (evidence: string) => ({ messageId: 'evidence' as const, data: { evidence } });

describe('property writes', () => {
  untypedTester.run('property-writes', probe as never, {
    valid: [],
    invalid: [
      {
        // Every write is a Buffer; names that only contain `data` are other properties.
        code: `const o = {};\no.data = Buffer.alloc(8);\no.metadata = 'text';\no.dat = 'text';\nprobe(o.data);`,
        errors: [said('made by `Buffer.alloc()`')],
      },
      {
        // A write spelled with an escape (`'d\\x61ta'` is `'data'`) is a write of `data`: not every value is a Buffer.
        code: `const o = {};\no.data = Buffer.alloc(8);\no['d\\x61ta'] = 'text';\nprobe(o.data);`,
        errors: [said('none')],
      },
      {
        // The same with a Unicode escape in an identifier, and in an object literal's key.
        code: `const o = { d\\u0061ta: 'text' };\no.data = Buffer.alloc(8);\nprobe(o.data);`,
        errors: [said('none')],
      },
      {
        // A template literal key and a class field are writes too; an update (`++`) makes the property unknown.
        code: `const o = {};\no.data = Buffer.alloc(8);\no[\`data\`] = Buffer.allocUnsafeSlow(8);\nclass C { data = Buffer.alloc(2); }\nprobe(o.data);`,
        errors: [said('made by `Buffer.alloc()`')],
      },
      {
        code: `const o = {};\no.data = Buffer.alloc(8);\no.data++;\nprobe(o.data);`,
        errors: [said('none')],
      },
      {
        // Walk order: a node before its children, a conditional's branches last to first, so the consequent's
        // write comes last and gives the evidence.
        code: `const o = { data: Buffer.alloc(1) };\nexport function set(c) {\n  c ? (o.data = Buffer.from('a')) : (o.data = Buffer.allocUnsafeSlow(2));\n}\nprobe(o.data);`,
        errors: [said('made by `Buffer.from()`')],
      },
    ],
  });
});
