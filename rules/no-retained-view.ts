import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getAnalysis, shortText } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildExactCopyFix, buildUnpooledCopyFix, buildValueCopyFix, type CopyStyle } from '../src/fix/copy';

type Options = [{ copyStyle?: CopyStyle; checkParserOutput?: boolean }];
type MessageId =
  | 'retainedView'
  | 'returnedView'
  | 'returnedReaderView'
  | 'copyExactly'
  | 'keptPooled'
  | 'keptPooledView'
  | 'returnedPooledKey'
  | 'returnedPooledKeyView'
  | 'copyOutOfPool'
  | 'keptLibraryView'
  | 'returnedLibraryView'
  | 'keptEventView'
  | 'keptArgumentView'
  | 'reusedBufferView'
  | 'rewrittenFieldView'
  | 'keptLentBuffer'
  | 'copyLent'
  | 'freedHeapView'
  | 'rerunHeapView'
  | 'copyHeapView'
  | 'returnedPooledRewrap'
  | 'copyRewrap';

const VIEW_CALL = 'CallExpression[callee.property.name=/^(?:subarray|slice|from)$/]';
const VIEW_CALL_COMPUTED = 'CallExpression[callee.property.value=/^(?:subarray|slice)$/]';
const VIEW_CONSTRUCTOR = 'NewExpression[callee.type="Identifier"][arguments.length>=2]';

export default createRule<Options, MessageId>({
  name: 'no-retained-view',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow keeping zero-copy views of incoming data beyond the handler that received it',
      recommended: 'recommended',
      strictOptions: [{ checkParserOutput: true }],
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          copyStyle: {
            type: 'string',
            enum: ['slice-call', 'runtime'],
            description:
              "How fixes write the exact copy: 'slice-call' (`Uint8Array.prototype.slice.call(view, ...)`) or 'runtime' (`copy(view, ...)` imported from leakproof/runtime)",
          },
          checkParserOutput: {
            type: 'boolean',
            description:
              'Also report views of a parsing function\'s input (`parse(buffer)`, `decode(bytes)`) that it returns or keeps: callers keep results, and with them the whole input (`strict`)',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      retainedView:
        '{{view}} is a view of {{parent}}; it is kept in {{sink}}, so the whole ArrayBuffer behind it stays in memory as long as the view does.',
      returnedView:
        '{{view}} is a view of {{parent}}; {{sink}}, so whoever keeps the result keeps the whole ArrayBuffer behind it in memory.',
      returnedReaderView:
        '{{value}} is a view of {{parent}} (cut by {{view}} in {{method}}); {{sink}}, so whoever keeps the result keeps all the bytes the reader was given in memory.',
      reusedBufferView:
        '{{view}} is a view of {{buffer}}, which the code keeps and writes into again ({{written}} here); {{sink}}, so the next write changes the bytes its holder reads, and the holder keeps all of {{buffer}}.',
      rewrittenFieldView:
        '{{view}} is a view of {{buffer}}, which {{method}} writes into again ({{written}}); {{sink}}, so that write changes the bytes its holder reads, and the holder keeps all of {{buffer}}.',
      keptLentBuffer:
        '{{value}} is the ArrayBuffer {{lender}} lends its callback only while it runs, or a view of it that copies nothing; it is kept in {{sink}}, so it is read after uWebSockets.js frees or reuses that memory. Copy the bytes first (`chunk.slice(0)`, or into a buffer of your own).',
      freedHeapView:
        '{{view}} is a view of WebAssembly memory at `{{pointer}}`, which {{free}} frees before {{sink}}: whoever reads it reads memory the module hands to its next allocation (or, once the memory grows, nothing). Copy it out before the free (`.slice()` copies it).',
      rerunHeapView:
        '{{view}} is a view of WebAssembly memory, and {{free}} runs the module again before {{sink}}: it may grow the memory (the view is then detached, of length 0) or reuse those bytes. Copy it out first (`.slice()` copies it).',
      copyHeapView: 'Copy the view out of WebAssembly memory where it is made (`.slice()`).',
      copyExactly: 'Keep an exact-size copy instead of the view.',
      copyLent: 'Keep a copy of the lent ArrayBuffer (`.slice(0)` copies it).',
      keptPooled:
        '{{value}} may be a small slice of the shared Buffer pool ({{factory}} takes sizes under `Buffer.poolSize >>> 1` from it); it is kept in {{sink}}, so a whole pool slab stays in memory as long as it does.',
      keptPooledView:
        '{{value}} may be a small slice of the shared Buffer pool ({{factory}} takes sizes under `Buffer.poolSize >>> 1` from it); its view {{view}} is kept in {{sink}}, so a whole pool slab stays in memory as long as the view does.',
      returnedPooledKey:
        '{{value}} may be a small slice of the shared Buffer pool ({{factory}} takes sizes under `Buffer.poolSize >>> 1` from it); {{sink}} as a key, an id or a signature, which callers keep as long as what it names, so each one kept holds a whole pool slab.',
      returnedPooledKeyView:
        '{{value}} may be a small slice of the shared Buffer pool ({{factory}} takes sizes under `Buffer.poolSize >>> 1` from it); {{sink}} as {{view}}, a key, an id or a signature, which callers keep as long as what it names, so each one kept holds a whole pool slab.',
      returnedPooledRewrap:
        '{{value}} may be a small slice of the shared Buffer pool ({{factory}} takes sizes under `Buffer.poolSize >>> 1` from it); {{view}} is a plain Uint8Array over the same pool memory, and {{sink}}, so every result kept holds a whole pool slab.',
      copyRewrap: 'Copy the bytes out of the pool (`.slice()` of the typed array makes one of its own).',
      copyOutOfPool: 'Keep a Buffer with its own memory instead of a pool slice.',
      keptLibraryView:
        '{{value}} is {{what}} ({{evidence}}); it is kept in {{sink}}, so the whole buffer it was read from stays in memory as long as it does.',
      returnedLibraryView:
        '{{value}} is {{what}} ({{evidence}}); {{sink}} as a key, an id or a signature, which callers keep as long as what it names, so each one kept holds the whole buffer it was read from.',
      keptArgumentView:
        '{{value}} is a view of {{parent}}, cut by {{cut}} in {{function}} of `{{module}}`; it is kept in {{sink}}, so the whole ArrayBuffer behind it stays in memory as long as the view does.',
      keptEventView:
        '{{value}}, the bytes Node\'s HTTP parser read past the headers of the {{event}} event, is a view of the socket chunk that carried them; it is kept in {{sink}}, so that whole chunk stays in memory as long as it does.',
    },
  },
  defaultOptions: [{ copyStyle: 'slice-call', checkParserOutput: false }],
  create(context, [options]) {
    const style = options.copyStyle ?? 'slice-call';
    const parserOutput = options.checkParserOutput ?? false;
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const analysis = getAnalysis(context);
      const found = analysis.retainedView(node) ?? (parserOutput ? analysis.parsedView(node) : undefined);
      if (!found) {
        checkReused(node);
        checkFreedHeap(node);
        return;
      }
      const copy = buildExactCopyFix(context.sourceCode, context.filename, found.view, style, found);
      context.report({
        node,
        messageId: found.sink.kind === 'returned' ? 'returnedView' : 'retainedView',
        data: {
          view: `\`${shortText(context.sourceCode, node)}\``,
          parent: found.origin.label,
          sink: found.sink.label,
        },
        ...fixOrSuggest(copy?.fix ?? null, found.safety === 'safe' && !copy?.mayChangeType, 'copyExactly'),
      });
    };
    const checkFreedHeap = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const found = getAnalysis(context).freedHeapView(node);
      if (!found) return;
      // A suggestion: the function may still write into the view to hand the module its input.
      context.report({
        node,
        messageId: found.event === 'free' ? 'freedHeapView' : 'rerunHeapView',
        data: {
          view: `\`${shortText(context.sourceCode, node)}\``,
          ...(found.event === 'free' && { pointer: found.pointer }),
          free: `\`${shortText(context.sourceCode, found.free)}\``,
          sink: found.after,
        },
        suggest: [{ messageId: 'copyHeapView', fix: (fixer) => fixer.insertTextAfter(node, '.slice()') }],
      });
    };
    const checkReused = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const found = getAnalysis(context).reusedBufferView(node);
      if (!found) return;
      // An exact copy, offered: whoever holds the view may rely on seeing later writes (rarely, but the code cannot tell).
      const copy = buildExactCopyFix(context.sourceCode, context.filename, found.view, style, found);
      context.report({
        node,
        messageId: found.writtenIn ? 'rewrittenFieldView' : 'reusedBufferView',
        data: {
          view: `\`${shortText(context.sourceCode, node)}\``,
          buffer: `\`${shortText(context.sourceCode, found.buffer)}\``,
          written: `\`${shortText(context.sourceCode, found.written)}\``,
          sink: found.sink.label,
          ...(found.writtenIn && { method: found.writtenIn }),
        },
        ...fixOrSuggest(copy?.fix ?? null, false, 'copyExactly'),
      });
    };
    const checkLibraryView = (node: TSESTree.CallExpression) => {
      const found = getAnalysis(context).keptLibraryView(node);
      if (!found) return checkArgumentView(node);
      // An exact copy of the view (`Uint8Array.prototype.slice.call(…)`, a Buffer for a Buffer message); a
      // suggestion, since a decoder of an older version may return null (compact-encoding's `buffer` did for an empty one).
      // A decoded record (`c.decode(record, buf)`) is no view itself: its byte fields are, and no copy of the record is offered.
      const copy = found.contract.copyable ? buildUnpooledCopyFix(context.sourceCode, context.filename, node, { buffer: false, via: found.contract.label }, style) : null;
      context.report({
        node,
        messageId: found.sink.kind === 'returned' ? 'returnedLibraryView' : 'keptLibraryView',
        data: {
          value: `\`${shortText(context.sourceCode, node)}\``,
          what: found.contract.what,
          evidence: found.contract.evidence,
          sink: found.sink.label,
        },
        ...fixOrSuggest(copy?.fix ?? null, false, 'copyExactly'),
      });
    };
    // `this.keys.set(h.id, h.key)` after `const h = parseHeader(data)`, the view cut in `./parser`: a copy of
    // what is kept, offered (the other file's other callers, and this one's later reads, are not seen here).
    const checkArgumentView = (node: TSESTree.CallExpression) => {
      const found = getAnalysis(context).keptArgumentView(node);
      if (!found) return;
      const value = found.value;
      const copy =
        value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.CallExpression
          ? buildValueCopyFix(context.sourceCode, context.filename, value, style, found.buffer)
          : null;
      context.report({
        node: value,
        messageId: 'keptArgumentView',
        data: {
          value: `\`${shortText(context.sourceCode, value)}\``,
          parent: found.origin.label,
          cut: found.view.cut,
          function: found.from.name ? `\`${found.from.name}()\`` : 'the function',
          module: found.from.module,
          sink: found.sink.label,
        },
        ...fixOrSuggest(copy?.fix ?? null, false, 'copyExactly'),
      });
    };
    const checkPooled = (node: TSESTree.CallExpression) => {
      const analysis = getAnalysis(context);
      const found = analysis.keptPooled(node);
      if (!found) return checkLibraryView(node);
      if (analysis.retainedView(node) || (parserOutput && analysis.parsedView(node))) return;
      if (found.rewrap && found.through) {
        const rewrap = found.through;
        context.report({
          node: rewrap,
          messageId: 'returnedPooledRewrap',
          data: { value: `\`${shortText(context.sourceCode, node)}\``, factory: found.pooled.via ? `\`${found.pooled.label}\`, called in ${found.pooled.via},` : `\`${found.pooled.label}\``, view: `\`${shortText(context.sourceCode, rewrap)}\``, sink: found.sink.label },
          suggest: [{ messageId: 'copyRewrap', fix: (fixer) => fixer.insertTextAfter(rewrap, '.slice()') }],
        });
        return;
      }
      const copy = buildUnpooledCopyFix(context.sourceCode, context.filename, node, found.pooled, style);
      context.report({
        node,
        messageId: found.sink.kind === 'returned' ? (found.through ? 'returnedPooledKeyView' : 'returnedPooledKey') : found.through ? 'keptPooledView' : 'keptPooled',
        data: {
          value: `\`${shortText(context.sourceCode, node)}\``,
          // `b4a.allocUnsafe()`, or `b4a.allocUnsafe()`, called in `hash()` of `./crypto`,
          factory: found.pooled.via ? `\`${found.pooled.label}\`, called in ${found.pooled.via},` : `\`${found.pooled.label}\``,
          sink: found.sink.label,
          ...(found.through && { view: `\`${shortText(context.sourceCode, found.through)}\`` }),
        },
        ...fixOrSuggest(copy?.fix ?? null, false, 'copyOutOfPool'),
      });
    };
    const checkEventViews = (fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression) => {
      for (const found of getAnalysis(context).keptEventViews(fn)) {
        const copy = buildValueCopyFix(context.sourceCode, context.filename, found.reference, style);
        context.report({
          node: found.reference,
          messageId: 'keptEventView',
          data: { value: `\`${found.reference.name}\``, event: `'${found.event}'`, sink: found.sink.label },
          ...fixOrSuggest(copy?.fix ?? null, false, 'copyExactly'),
        });
      }
    };
    // `meta.pageState = this.readBytes()` in a reader's method that returns `meta` (`checkParserOutput`).
    const checkReaderResult = (node: TSESTree.CallExpression) => {
      const found = getAnalysis(context).readerResultView(node);
      if (!found) return;
      // The reader's user decides how long the record lives: a suggestion, never a fix.
      const copy = buildUnpooledCopyFix(context.sourceCode, context.filename, node, { buffer: found.view.kind === 'buffer' }, style);
      context.report({
        node,
        messageId: 'returnedReaderView',
        data: {
          value: `\`${shortText(context.sourceCode, node)}\``,
          parent: found.origin.label,
          view: `\`${shortText(context.sourceCode, found.view.node)}\``,
          method: found.madeIn,
          sink: found.sink.label,
        },
        ...fixOrSuggest(copy?.fix ?? null, false, 'copyExactly'),
      });
    };
    const checkLentBuffers = (call: TSESTree.CallExpression) => {
      const fn = call.arguments[0];
      if (fn?.type !== AST_NODE_TYPES.FunctionExpression && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return;
      for (const found of getAnalysis(context).lentBufferViews(fn)) {
        context.report({
          node: found.value,
          messageId: 'keptLentBuffer',
          data: { value: `\`${shortText(context.sourceCode, found.value)}\``, lender: found.lender, sink: found.sink.label },
          // `chunk.slice(0)`: an ArrayBuffer's own `slice` copies it into one of its own (no pool).
          ...(!found.partial && {
            suggest: [{ messageId: 'copyLent', fix: (fixer) => fixer.insertTextAfter(found.reference, '.slice(0)') }],
          }),
        });
      }
    };
    return {
      // The ArrayBuffer uWebSockets.js lends to `res.onData(…)`'s callback, kept past it.
      'CallExpression[callee.property.name="onData"]': checkLentBuffers,
      // Pooled factories, library contracts (`crypto.tree(roots)`, `c.fixed32.decode(state)`), and calls of functions another
      // file of the package exports that return what one made (`hash(key)`).
      CallExpression: checkPooled,
      ...(parserOutput && { 'CallExpression[callee.object.type="ThisExpression"]': checkReaderResult }),
      // Views Node hands an event's handler (an HTTP 'upgrade''s `head`, its third parameter), kept whole.
      ':function[params.length>=3]': checkEventViews,
      [VIEW_CALL]: check,
      [VIEW_CALL_COMPUTED]: check,
      [VIEW_CONSTRUCTOR]: check,
    };
  },
});
