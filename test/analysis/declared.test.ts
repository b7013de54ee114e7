import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getDeclaredTypes } from '../../src/analysis/declared';
import { untypedTester } from '../helpers/rule-tester';

// A probe rule: reports every `.slice()` whose receiver the declarations alone prove is not a Buffer.
// Typed rules skip the checker for those receivers, so a wrong "not a Buffer" would hide findings.
const probe: TSESLint.RuleModule<'notBuffer'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { notBuffer: 'not a Buffer' }, schema: [] },
  create(context) {
    const declared = getDeclaredTypes(context.sourceCode);
    return {
      'CallExpression > MemberExpression.callee[property.name="slice"]'(member: TSESTree.MemberExpression) {
        if (declared.isCertainlyNotBuffer(member.object)) context.report({ node: member.object, messageId: 'notBuffer' });
      },
    };
  },
};

const notBuffer = (line: number, column: number) => ({ messageId: 'notBuffer' as const, line, column });

describe('declared types', () => {
  untypedTester.run('declared', probe as never, {
    valid: [
      // Buffers, and values whose declarations leave it open: the checker decides.
      `export function f(chunk: Buffer) { return chunk.slice(0, 4); }`,
      `export function f(chunk) { return chunk.slice(0, 4); }`,
      `export function f(value: Buffer | string) { return value.slice(0, 4); }`,
      `import { data } from './data';\nexport const head = data.slice(0, 4);`,
      `export class Conn { frame: Buffer = Buffer.alloc(8); head() { return this.frame.slice(0, 4); } }`,
      `export function f(parts: Buffer[]) { return parts[0].slice(0, 4); }`,
      `export function f(rows: Map<string, Buffer>) { return rows.get('a')!.slice(0, 4); }`,
      `export function f(value: any) { const text = value as unknown; return (text as Buffer).slice(1); }`,
      `let cache; export function f(b: Buffer) { cache = b; return cache.slice(1); }`,
    ],
    invalid: [
      { code: `export function f(line: string) { return line.slice(0, 4); }`, errors: [notBuffer(1, 42)] },
      { code: `const text = 'a,b,c';\nexport const head = text.slice(0, 1);`, errors: [notBuffer(2, 21)] },
      { code: `export function f(rows: number[]) { return rows.slice(1); }`, errors: [notBuffer(1, 44)] },
      { code: `export function f(csv: string) { for (const cell of csv.split(',')) cell.slice(1); }`, errors: [notBuffer(1, 69)] },
      { code: `export function f(items: Set<number>) { return Array.from(items).slice(1); }`, errors: [notBuffer(1, 48)] },
      { code: `export function f(rows: Map<string, string[]>) { for (const [key, list] of rows) list.slice(key.length); }`, errors: [notBuffer(1, 82)] },
      { code: `export function f(store: ArrayBuffer) { return store.slice(4); }`, errors: [notBuffer(1, 48)] },
      { code: `export function f(n: number) { return n.toFixed(2).slice(1); }`, errors: [notBuffer(1, 39)] },
      { code: `interface Row { name: string }\nexport function f(row: Row) { return row.name.slice(1); }`, errors: [notBuffer(2, 38)] },
      { code: `export class Log { lines: string[] = []; tail() { return this.lines.slice(-10); } }`, errors: [notBuffer(1, 58)] },
    ],
  });
});
