import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getAnalysis } from '../../src/analysis';
import { getFileFacts } from '../../src/analysis/file';
import { typedTester, untypedTester, TYPED_FILENAME } from '../helpers/rule-tester';

// Each question of the analysis asked directly through its face (src/analysis/index.ts) and, for the
// per-file facts below it, through origins and escapes: a probe rule reports one compact answer per node,
// so a test states what the analysis answers, not what a rule makes of it.
//   view <origin kind> <sink kind> <fix safety>/<kind level>      Analysis.retainedView
//   substring <origin kind> <sink kind> <sink label>              Analysis.retainedSubstring
//   slice <kind>                                                  Analysis.bufferSlice (no option): buffer-slice | boundary
//   cloned <kind level>                                           Analysis.clonedViews
//   backing <sink>                                                Analysis.backingStoreUse
//   origin <kind> | whole <kind>                                  origins.originOf / wholeTextOf of x in probe(x)
//   sink <kind> <label> | returned <label>                        escapes.sinkOf / returnedBy of the call keep(x)
//   reader <label>                                                 origins.readerInputOf of this.f in probeField(this.f)
//   reader result <made in> <sink label>                           Analysis.readerResultView of a this.m() call
const probe: TSESLint.RuleModule<'answer'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { answer: '{{answer}}' }, schema: [] },
  create(context) {
    const analysis = getAnalysis(context as never);
    const facts = getFileFacts(context.sourceCode, context.settings);
    const say = (node: TSESTree.Node, answer: string) => context.report({ node, messageId: 'answer', data: { answer } });
    return {
      CallExpression(call: TSESTree.CallExpression) {
        if (call.callee.type === 'Identifier' && call.callee.name === 'probe') {
          const value = call.arguments[0]!;
          const origin = facts.origins.originOf(value);
          const whole = facts.origins.wholeTextOf(value);
          say(value, `origin ${origin?.kind ?? 'none'} | whole ${whole?.kind ?? 'none'}`);
          return;
        }
        if (call.callee.type === 'Identifier' && call.callee.name === 'keep') {
          const sink = facts.escapes.sinkOf(call);
          const returned = facts.escapes.returnedBy(call, { text: true });
          say(call.arguments[0]!, `sink ${sink ? `${sink.kind} ${sink.label}` : 'none'} | returned ${returned?.label ?? 'none'}`);
          return;
        }
        if (call.callee.type === 'Identifier' && call.callee.name === 'probeField') {
          const field = call.arguments[0]!;
          const input = field.type === 'MemberExpression' ? facts.origins.readerInputOf(field) : undefined;
          say(field, `reader ${input?.label ?? 'none'}`);
          return;
        }
        const reader = analysis.readerResultView(call);
        if (reader) say(call, `reader result ${reader.madeIn} ${reader.sink.label}`);
        const view = analysis.retainedView(call);
        if (view) say(call, `view ${view.origin.kind} ${view.sink.kind} ${view.safety}/${view.level}`);
        for (const substring of analysis.retainedSubstrings(call, { checkSplitParts: true, checkRegExpGroups: true })) {
          say(call, `substring ${substring.origin.kind} ${substring.sink.kind} ${substring.sink.label}`);
        }
        const slice = analysis.bufferSlice(call, { checkUint8ArrayBoundary: false });
        if (slice) say(call, `slice ${'kind' in slice ? String(slice.kind) : 'boundary'}`);
        for (const cloned of analysis.clonedViews(call)) say(cloned.value, `cloned ${cloned.found.level}`);
      },
      MemberExpression(member: TSESTree.MemberExpression) {
        const use = analysis.backingStoreUse(member);
        if (use) say(member, `backing ${use.sink}`);
      },
    };
  },
};

const at = (line: number, answer: string) => ({ messageId: 'answer' as const, line, data: { answer } });

const both: { code: string; errors: ReturnType<typeof at>[] }[] = [
  {
    // A view of a socket chunk kept in a field: origin, sink, a safe fix of a proven Buffer; Buffer#slice too.
    code: `import * as net from 'node:net';
export class Tail {
  last?: Buffer;
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.last = chunk.slice(0, 16);
    });
  }
}
`,
    errors: [at(6, 'view handler-param field safe/proven'), at(6, 'slice buffer-slice')],
  },
  {
    // A truncation of serialized text handed back: a returned sink, and the whole text as its origin.
    code: `export function summary(value: unknown): string {
  const json = JSON.stringify(value);
  return json.length > 240 ? json.slice(0, 240) + '...' : json;
}
`,
    errors: [at(3, 'substring whole-text returned `summary()` returns it')],
  },
  {
    // Origins: a handler's parameter, an I/O read (also whole text), whole text made here, and nothing.
    code: `import * as net from 'node:net';
import { readFileSync } from 'node:fs';
export function watch(socket: net.Socket, text: string) {
  socket.on('data', (chunk) => probe(chunk));
  probe(readFileSync('a.txt', 'utf8'));
  probe(Buffer.from(text, 'base64').toString('utf8'));
  probe(text);
}
declare function probe(value: unknown): void;
`,
    errors: [
      at(4, 'origin handler-param | whole none'),
      at(5, 'origin io-read | whole io-read'),
      at(6, 'origin none | whole whole-text'),
      at(7, 'origin none | whole none'),
    ],
  },
  {
    // Escapes: a field, a module collection, a returned value, a resolved promise, and a local only.
    code: `const seen = new Map<string, unknown>();
export class Box {
  value: unknown;
  put(a: unknown, b: unknown) {
    this.value = keep(a);
    seen.set('b', keep(b));
  }
}
export function give(a: unknown) {
  return keep(a);
}
export function later(a: unknown) {
  return new Promise((resolve) => setTimeout(() => resolve(keep(a)), 1));
}
export function local(a: unknown) {
  const x = keep(a);
  return typeof x;
}
declare function keep<T>(value: T): T;
`,
    errors: [
      at(5, 'sink field `this.value` | returned none'),
      at(6, 'sink collection `seen` | returned none'),
      at(10, 'sink none | returned `give()` returns it'),
      at(13, 'sink none | returned `later()` resolves with it'),
      at(16, 'sink none | returned none'),
    ],
  },
  {
    // A promise's executor resolving with the value, also from a callback inside it: whoever awaits the
    // promise gets the value (kept in a field here, one call level up).
    code: `import * as net from 'node:net';
export class Peer {
  id?: Buffer;
  constructor(socket: net.Socket) {
    socket.on('data', async (chunk) => {
      this.id = await this.readId(chunk);
    });
  }
  private readId(chunk: Buffer): Promise<Buffer> {
    return new Promise((resolve) => {
      setImmediate(() => resolve(chunk.subarray(0, 16)));
    });
  }
}
`,
    errors: [at(11, 'view handler-param field safe/proven')],
  },
  {
    // The one climb to a function's result (ast.returnSiteOf): through await, the last expression of a
    // sequence, either branch of ?:, ??, and, for text, + and String(); not out of a callback's argument.
    code: `export async function viaAwait(a: Promise<string>) {
  return await keep(a);
}
export function viaSequence(a: string, log: (s: string) => void) {
  return (log('x'), keep(a));
}
export function viaBranches(a: string, ok: boolean) {
  return ok ? keep(a) : null ?? 'none';
}
export function viaText(a: string) {
  return String('<' + keep(a));
}
export function notViaCallback(a: string[]) {
  return a.map((s) => s).concat(keep(a));
}
declare function keep<T>(value: T): T;
`,
    errors: [
      at(2, 'sink none | returned `viaAwait()` returns it'),
      at(5, 'sink none | returned `viaSequence()` returns it'),
      at(8, 'sink none | returned `viaBranches()` returns it'),
      at(11, 'sink none | returned `viaText()` returns it'),
      at(14, 'sink none | returned none'),
    ],
  },
  {
    // Cloned views and backing stores: a sub-view posted, and a Buffer's store handed to a constructor.
    code: `import { parentPort } from 'node:worker_threads';
export function send(data: Buffer) {
  parentPort?.postMessage(data.subarray(0, 4));
  return new Uint8Array(data.buffer);
}
`,
    errors: [at(3, 'cloned proven'), at(4, 'backing constructor')],
  },
  {
    // A reader's bytes (a constructor's parameter, a parameter property, an entry method's parameter; not a
    // field it makes itself, nor a class not named as a reader), and a view of them put in a returned record.
    code: `export class FrameReader {
  private offset = 0;
  private buf: Uint8Array;
  private own = new Uint8Array(8);
  constructor(body: Uint8Array, private readonly extra: Uint8Array) {
    this.buf = body;
  }
  reset(next: Uint8Array) {
    this.buf = next;
  }
  private take(n: number) {
    return this.buf.subarray(this.offset, (this.offset += n));
  }
  readRecord() {
    probeField(this.buf);
    probeField(this.extra);
    probeField(this.own);
    return { id: this.take(4), ids: [this.take(4)], passed: this.take(4).length };
  }
  readId() {
    return this.take(4);
  }
}
export class Frame {
  constructor(private readonly body: Uint8Array) {}
  read() {
    probeField(this.body);
  }
}
declare function probeField(value: unknown): void;
`,
    errors: [
      at(15, 'reader `this.buf`, the bytes a `FrameReader` is given to read'),
      at(16, 'reader `this.extra`, the bytes a `FrameReader` is given to read'),
      at(17, 'reader none'),
      at(18, 'reader result `take()` `readRecord()` returns it in its result'),
      at(18, 'reader result `take()` `readRecord()` returns it in its result'),
      at(27, 'reader none'),
    ],
  },
];

describe('the questions, without types', () => {
  untypedTester.run('questions', probe as never, { valid: [], invalid: both.map((test) => ({ ...test })) });
});

describe('the questions, with types', () => {
  typedTester.run('questions', probe as never, {
    valid: [],
    invalid: both.map((test) => ({ ...test, filename: TYPED_FILENAME })),
  });
});
