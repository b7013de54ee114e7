import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  BUFFER_FACTORIES,
  DECODE_METHODS,
  ELEMENT_CALLBACK_METHODS,
  FOLDING_METHODS,
  HTTP_CLIENT_BODIES,
  IO_READ_FUNCTIONS,
  IO_READ_METHODS,
  STRING_PART_METHODS,
  STRING_SLICE_METHODS,
  TYPED_ARRAY_CONSTRUCTORS,
} from './apis';
import { calleeName, cutCall, enclosingFunction, isEmptyValue, findVariable, functionName, isConstructedBy, isFunction, isGlobalBinding, isInside, isLoop, isWritten, methodCall, moduleOf, nameOf, parameterOf, parameterPropertyNamed, propertyName, returnedExpressions, shortText, singleInit, staticNumber, unwrap, walk, type FunctionNode } from './ast';
import { type Handler, type HandlerFinder } from './handlers';
import { callSitesOf, type CallGraph } from './calls';
import type { ValueKinds } from './kinds';

/**
 * Question 2, first half: does this value derive from incoming data, and from which parent? Incoming
 * data is what a handler receives (its parameters and what derives from them), what I/O reads return,
 * chunks of a `for await` loop, and accumulation buffers (a field rebuilt with `Buffer.concat`).
 */
export type OriginKind = 'handler-param' | 'io-read' | 'read-buffer' | 'accumulator' | 'chunk-loop' | 'whole-text' | 'parser-input' | 'truncated';

export interface Origin {
  kind: OriginKind;
  /** For messages: "`chunk`, received by the 'data' handler". */
  label: string;
  handler?: Handler;
  /** The expression that is the parent (the receiver of the view-making call, when known). */
  node: TSESTree.Node;
  /**
   * The parent reached through a field its object was built with (`this.buf`, set once in the
   * constructor): what the object keeps on itself adds nothing to what it already holds.
   */
  heldByThis?: boolean;
  /** For 'parser-input': the parsing function whose parameter is the parent. */
  parser?: FunctionNode;
  /** For 'read-buffer': the allocation the read fills. */
  made?: TSESTree.Node;
}

/** Functions, or classes of methods, named as parsers: `parse`, `parseBif`, `GitBranchParser`, `lexicalParse`, `decode`, `tokenize`. */
const PARSER_NAME = /pars(?:e|er|ing)|decod|deserial|lexical|lexer|tokeni[sz]|unpack|unmarshal/i;

/** Classes (or pre-class "classes") whose objects are given bytes to read pieces from: `FrameReader`, `BinaryParser`, `Decoder`. */
const READER_NAME = new RegExp(`${PARSER_NAME.source}|reader`, 'i');

const MAX_CALL_DEPTH = 2;

/** Constructors that parse their argument into text of their own (`new URL(location).hostname` is cut from the URL's `href`). */
const PARSING_CONSTRUCTORS = new Set(['URL', 'URLSearchParams', 'Date']);

export class OriginFinder {
  private readonly accumulators = new WeakMap<TSESTree.Node, Map<string, boolean>>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly handlers: HandlerFinder,
    private readonly calls: CallGraph,
    /** For "which Buffer factory makes this" and "what values does a field get": kinds is their one home. */
    private readonly kinds: Pick<ValueKinds, 'bufferFactory' | 'fieldValuesOf' | 'kindOf'>,
  ) {}

  private readonly originCache = new WeakMap<TSESTree.Node, Origin | null>();
  private readonly parserInputCache = new WeakMap<TSESTree.Node, Origin | null>();
  /** While asking `parserInputOf`: a parser's own parameter is a parent. */
  private parserMode = false;

  /**
   * The origin of `parent` in the one call of its function that hands the piece on (`Sink.exits[0]`): when
   * `parent` is a parameter of that function (`url` in `getOrigin(url)`), what this call passes
   * (`that.origin = utils.getOrigin(base_url)`: `base_url`), not what some other call of it passes (an
   * event's `e.origin`, only compared).
   */
  originThrough(parent: TSESTree.Node, exit: TSESTree.CallExpression | undefined): Origin | undefined {
    const node = unwrap(parent);
    const param = exit && node.type === AST_NODE_TYPES.Identifier ? parameterOf(this.sourceCode, node) : undefined;
    if (!exit || !param || param.index < 0 || isWritten(param.variable) || !callSitesOf(this.calls, param.fn).includes(exit)) return this.originOf(parent);
    const arg = exit.arguments[param.index];
    return arg && arg.type !== AST_NODE_TYPES.SpreadElement ? this.originOf(arg) : undefined;
  }

  /** The incoming parent `expr` derives from, or undefined when there is no evidence of one. */
  originOf(expr: TSESTree.Node): Origin | undefined {
    // Several rules ask about the same receiver (`x.slice()` is a view, a substring and a Buffer#slice candidate).
    const cached = this.originCache.get(expr);
    if (cached !== undefined) return cached ?? undefined;
    let found: Origin | undefined;
    try {
      found = this.find(expr, 0, new Set());
    } catch {
      found = undefined;
    }
    this.originCache.set(expr, found ?? null);
    return found;
  }

  /**
   * The input a parsing function was given (`parse(data)`, `GitBranchParser.parse(data)`,
   * `lexicalParse(text)`), when `expr` derives from it and is cut in a loop of the parser: what the parser
   * hands back in its result is a piece of it. Asked only when no incoming parent is known (`originOf`).
   */
  parserInputOf(expr: TSESTree.Node): Origin | undefined {
    const cached = this.parserInputCache.get(expr);
    if (cached !== undefined) return cached ?? undefined;
    let found: Origin | undefined;
    this.parserMode = true;
    try {
      found = this.find(expr, 0, new Set());
    } catch {
      found = undefined;
    } finally {
      this.parserMode = false;
    }
    // A document parser cuts many records out of one input, in a loop; a function that takes one value
    // apart (`parseScalar(raw)` returning `raw.trim()`) is given short text.
    if (found?.kind !== 'parser-input' || !found.parser || !(isRepeatedIn(expr, found.parser, (fn) => this.calls.callSites(fn)) || isCursorCut(expr, this.sourceCode) || this.isFieldOfBinary(expr, found.parser))) found = undefined;
    this.parserInputCache.set(expr, found ?? null);
    return found;
  }

  /**
   * `return { prevBlock: p.slice(4, 36), merkleRoot: p.slice(36, 68), … }` (bcoin's block parsers): a binary input the
   * parser cuts at two places or more, each with both ends, is a message of several fields, and each cut one of
   * them; so is one it cuts once with both ends while its loop hands the rest to other parsers (bcoin's `parseTX`:
   * `Parser.parseInput(p.slice(off))` per input, then `_raw: p.slice(0, off)`). Not text (a function that splits one
   * line in two hands back short pieces of short text).
   */
  private isFieldOfBinary(expr: TSESTree.Node, parser: FunctionNode): boolean {
    const input = unwrap(expr);
    if (input.type !== AST_NODE_TYPES.Identifier || enclosingFunction(input) !== parser) return false;
    // A field has both ends; a cut to the input's end (`input.subarray(n)`) is the rest, which a decoder hands back
    // for its next step (RLP's `remainder`), not a field.
    const own = input.parent?.parent;
    if (own?.type !== AST_NODE_TYPES.CallExpression || own.arguments.length !== 2) return false;
    const kind = this.kinds.kindOf(input);
    if (kind !== 'buffer' && kind !== 'typed-array' && kind !== 'view') return false;
    const variable = findVariable(this.sourceCode, input);
    let fields = 0;
    let records = 0;
    for (const ref of variable?.references ?? []) {
      const call = cutCall(ref.identifier);
      if (!call || enclosingFunction(call) !== parser) continue;
      if (call.arguments.length === 2) fields++;
      // `Parser.parseInput(p.slice(off))` in a loop: the input holds records other parsers take apart.
      else if (isRepeatedIn(call, parser, () => []) && handedToParser(call)) records++;
    }
    return fields >= 2 || (fields === 1 && records > 0);
  }

  /** The class (or pre-class "class") whose instance `this` is at `node`, when it is named as a reader (`READER_NAME`). */
  readerAt(node: TSESTree.Node): TSESTree.Node | undefined {
    const owner = this.handlers.ownerOf(node);
    if (!owner) return undefined;
    let named = this.readerNames.get(owner);
    if (named === undefined) {
      const name = this.handlers.ownerName(owner);
      named = !!name && READER_NAME.test(name);
      this.readerNames.set(owner, named);
    }
    return named ? owner : undefined;
  }

  private readonly readerNames = new WeakMap<TSESTree.Node, boolean>();

  /**
   * `this.buf` in a reader object: an instance of a class (or pre-class "class") named as one (`FrameReader`,
   * `BinaryParser`, `Decoder`) whose field is given the bytes to read, as a parameter of its constructor or of
   * one of its methods (`this.buf = body`, `reset(buf) { this.buf = buf }`). Its methods cut their results
   * from those bytes; how large they are and how long they live is the reader's user's. Other values the
   * field gets (a concatenation that puts bytes back in front) do not change that.
   */
  readerInputOf(member: TSESTree.MemberExpression): Origin | undefined {
    if (unwrap(member.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const name = propertyName(member);
    const owner = name ? this.readerAt(member) : undefined;
    const ownerName = owner && this.handlers.ownerName(owner);
    if (!name || !owner || !ownerName) return undefined;
    // `constructor(private readonly bytes: Uint8Array)`: a parameter property is a field given on construction.
    const ctor = this.calls.construction(owner)?.ctor;
    const declared = ctor?.parent?.type === AST_NODE_TYPES.MethodDefinition && !!parameterPropertyNamed(ctor.parent, name);
    const given = declared || this.kinds.fieldValuesOf(owner, name)?.some((raw) => {
      const value = unwrap(raw);
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const def = findVariable(this.sourceCode, value)?.defs[0];
      return def?.type === 'Parameter' && this.handlers.ownerOf(def.name) === owner;
    });
    return given ? { kind: 'parser-input', label: `\`this.${name}\`, the bytes a \`${ownerName}\` is given to read`, node: member, heldByThis: true } : undefined;
  }

  /**
   * `wholeOnly`: only derivations that keep the whole parent count. A concatenation is a new string as
   * large as its parts, so a slice of `' ' + piece` keeps `piece`-sized text, not the piece's parent.
   */
  private find(raw: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>, wholeOnly = false): Origin | undefined {
    const node = unwrap(raw);
    if (seen.has(node) || seen.size > 200) return undefined;
    seen.add(node);
    if (wholeOnly && isPieceOf(node)) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.fromIdentifier(node, depth, seen, wholeOnly);
      case AST_NODE_TYPES.MemberExpression:
        return this.fromMember(node, depth, seen, wholeOnly);
      case AST_NODE_TYPES.CallExpression:
        return this.fromCall(node, depth, seen, wholeOnly);
      case AST_NODE_TYPES.NewExpression:
        // `new TextDecoder().decode(x)` is a call; `new Uint8Array(x.buffer, ...)` derives from x. A `URL` (or
        // `URLSearchParams`, `Date`) parses its argument into text of its own: its parts are cut from that.
        if (node.callee.type === AST_NODE_TYPES.Identifier && PARSING_CONSTRUCTORS.has(node.callee.name)) return undefined;
        return node.arguments[0] ? this.find(node.arguments[0], depth, seen, wholeOnly) : undefined;
      case AST_NODE_TYPES.AwaitExpression:
        return this.find(node.argument, depth, seen, wholeOnly);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.find(node.consequent, depth, seen, wholeOnly) ?? this.find(node.alternate, depth, seen, wholeOnly);
      case AST_NODE_TYPES.LogicalExpression:
        return this.find(node.left, depth, seen, wholeOnly) ?? this.find(node.right, depth, seen, wholeOnly);
      case AST_NODE_TYPES.SequenceExpression:
        return this.find(node.expressions[node.expressions.length - 1], depth, seen, wholeOnly);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.find(node.right, depth, seen, wholeOnly);
      case AST_NODE_TYPES.TemplateLiteral:
        for (const part of node.expressions) {
          const found = this.find(part, depth, seen, true);
          if (found) return found;
        }
        return undefined;
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== '+') return undefined;
        return this.find(node.left, depth, seen, true) ?? this.find(node.right, depth, seen, true);
      default:
        return undefined;
    }
  }

  private fromIdentifier(
    id: TSESTree.Identifier,
    depth: number,
    seen: Set<TSESTree.Node>,
    wholeOnly: boolean,
  ): Origin | undefined {
    const variable = findVariable(this.sourceCode, id);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      if (def.type === 'Parameter' && isFunction(def.node as TSESTree.Node)) {
        const fn = def.node as FunctionNode;
        const paramName = def.name as TSESTree.Identifier;
        const index = fn.params.findIndex((param) => param.range[0] <= def.name.range[0] && param.range[1] >= def.name.range[1]);
        const handler = this.handlers.handlerOf(fn);
        if (handler) {
          return {
            kind: 'handler-param',
            label: `\`${paramName.name}\`, received by ${handler.label}`,
            handler,
            node: id,
          };
        }
        // A parser's input, when that is the question (`parserInputOf`).
        const parser = this.parserMode && index >= 0 ? parserLabel(fn) : undefined;
        if (parser) {
          return { kind: 'parser-input', label: `\`${paramName.name}\`, the input of \`${parser}()\``, node: id, parser: fn };
        }
        // `storage.read(offset, n, (err, data) => …)`: an error-first callback's value is the data read.
        const read = index === 1 ? readCallbackCall(fn) : undefined;
        if (read) {
          return { kind: 'io-read', label: `the data read by \`${shortText(this.sourceCode, read.callee)}()\``, node: read };
        }
        // `parts.map((part) => ...)`: a callback's first parameter is an element of the receiver.
        const iterated = iteratedReceiver(fn);
        if (iterated && index === 0) {
          const found = wholeOnly ? undefined : this.find(iterated, depth, seen);
          if (found) return found;
        }
        if (index < 0 || depth >= MAX_CALL_DEPTH) continue;
        // One call level: a helper called with incoming data receives incoming data.
        for (const call of callSitesOf(this.calls, fn)) {
          const arg = call.arguments[index];
          if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
          const found = this.find(arg, depth + 1, seen, wholeOnly);
          if (found) return found;
        }
      } else if (def.type === 'Variable') {
        const declarator = def.node as TSESTree.VariableDeclarator;
        const declaration = declarator.parent;
        const loop = declaration?.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration) {
          if (this.handlers.isChunkLoop(loop)) {
            return {
              kind: 'chunk-loop',
              label: `\`${(def.name as TSESTree.Identifier).name}\`, a chunk of \`for await\` over ${shortText(this.sourceCode, loop.right)}`,
              node: id,
            };
          }
          const found = wholeOnly ? undefined : this.find(loop.right, depth, seen);
          if (found) return found;
        } else if (declarator.init) {
          // `const [first] = line.split(',')` names a piece; `const { data } = msg` a whole field.
          if (wholeOnly && declarator.id.type === AST_NODE_TYPES.ArrayPattern) continue;
          const found = this.find(declarator.init, depth, seen, wholeOnly);
          if (found) return found;
        }
      }
    }
    // Reassignments: `let text = ''; text = chunk.toString()`. `current += body[i]` is a concatenation, a new
    // string as long as its parts: only a part that is a whole parent passes it on (as for `a + b`).
    for (const ref of variable.references) {
      if (ref.isWrite() && !ref.init && ref.writeExpr) {
        const assignment = ref.identifier.parent;
        const compound = assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === ref.identifier && assignment.operator !== '=';
        const found = this.find(ref.writeExpr as TSESTree.Node, depth, seen, wholeOnly || compound);
        if (found) return found;
      }
    }
    // A local array that collects incoming data: `chunks.push(chunk)` ... `Buffer.concat(chunks)`.
    if (!wholeOnly) {
      for (const ref of variable.references) {
        const member = ref.identifier.parent;
        const call = member?.parent;
        if (
          member?.type !== AST_NODE_TYPES.MemberExpression ||
          member.object !== ref.identifier ||
          call?.type !== AST_NODE_TYPES.CallExpression ||
          call.callee !== member
        ) {
          continue;
        }
        const name = propertyName(member);
        if (name !== 'push' && name !== 'unshift') continue;
        const found = this.fromArguments(call, depth, seen);
        if (found) return found;
      }
    }
    if (this.isModuleAccumulator(variable)) {
      return { kind: 'accumulator', label: `the accumulation buffer \`${id.name}\``, node: id };
    }
    return wholeOnly ? undefined : readBuffer(variable, id, this.sourceCode, this.kinds);
  }

  private fromMember(
    member: TSESTree.MemberExpression,
    depth: number,
    seen: Set<TSESTree.Node>,
    wholeOnly: boolean,
  ): Origin | undefined {
    const object = unwrap(member.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(member);
      const cls = this.handlers.ownerOf(member);
      if (name && cls && this.isFieldAccumulator(cls, name)) {
        return { kind: 'accumulator', label: `the accumulation buffer \`this.${name}\``, node: member };
      }
      return name && cls ? this.fromConstructorArgument(cls, name, depth, seen, wholeOnly) : undefined;
    }
    const body = this.httpBody(member);
    if (body) return body;
    return this.find(object, depth, seen, wholeOnly);
  }

  /** `(await got(url)).body`, `(await axios.get(url)).data`: the body an HTTP client read (HTTP_CLIENT_BODIES). */
  private httpBody(member: TSESTree.MemberExpression): Origin | undefined {
    const name = propertyName(member);
    let call = unwrap(member.object);
    if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrap(call.argument);
    if (!name || call.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(call.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
    if (receiver.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, receiver);
    const module = variable && moduleOf(variable);
    // A project's own wrapper of the client keeps its name (`got` from a module `../util/got`).
    const client = module?.startsWith('.') ? module.split('/').pop() : module;
    if (!client || !HTTP_CLIENT_BODIES.get(client)?.has(name)) return undefined;
    return { kind: 'io-read', label: `the body read by \`${shortText(this.sourceCode, call)}\``, node: member };
  }

  /**
   * `this.buf` of an object built with incoming data: the field's one assignment is `this.buf = buf` in the
   * constructor, and a `new Parser(chunk)` in this file passes incoming data for `buf` (one call level).
   */
  private fromConstructorArgument(
    owner: TSESTree.Node,
    name: string,
    depth: number,
    seen: Set<TSESTree.Node>,
    wholeOnly: boolean,
  ): Origin | undefined {
    if (depth >= MAX_CALL_DEPTH) return undefined;
    // The field's values, but for an empty start (`buf = null`, `this.buf = undefined`).
    const values = this.kinds.fieldValuesOf(owner, name)?.filter((value) => !isEmptyValue(value));
    const value = values?.length === 1 ? unwrap(values[0]!) : undefined;
    if (value?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const construction = this.calls.construction(owner);
    if (!construction || enclosingFunction(value) !== construction.ctor) return undefined;
    const index = construction.ctor.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === value.name);
    const def = findVariable(this.sourceCode, value)?.defs[0];
    if (index < 0 || def?.type !== 'Parameter' || def.node !== construction.ctor) return undefined;
    for (const site of construction.sites) {
      const arg = site.arguments[index];
      if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
      const found = this.find(arg, depth + 1, seen, wholeOnly);
      if (found) return { ...found, heldByThis: true };
    }
    return undefined;
  }

  private fromCall(
    call: TSESTree.CallExpression,
    depth: number,
    seen: Set<TSESTree.Node>,
    wholeOnly: boolean,
  ): Origin | undefined {
    const method = methodCall(call);
    if (method) {
      const { name, receiver } = method;
      const receiverNode = unwrap(receiver);
      if (isBufferFactoryCall(call)) return this.fromArguments(call, depth, seen, wholeOnly);
      // `JSON.parse(text)` makes strings of its own: a value taken from it keeps no part of `text`
      // (scripts/measure-string-passthrough.js: 200 kept values of 1 MB messages, 3.7 MB of heap; 200 slices, 212 MB).
      if (receiverNode.type === AST_NODE_TYPES.Identifier && receiverNode.name === 'JSON' && name === 'parse') return undefined;
      if (name === 'decode' || (receiverNode.type === AST_NODE_TYPES.Identifier && receiverNode.name === 'String')) {
        const fromArgs = this.fromArguments(call, depth, seen, wholeOnly);
        if (fromArgs) return fromArgs;
      }
      if (IO_READ_METHODS.has(name) && receiverNode.type !== AST_NODE_TYPES.ThisExpression) {
        return { kind: 'io-read', label: `the data read by \`${shortText(this.sourceCode, call)}\``, node: call };
      }
      // A parser's input is what it was handed: a joined string is a new one, as long as the pieces joined
      // (protobuf.js's tokenizer joins a comment's lines; a trim of that keeps the comment, not the source).
      if (this.parserMode && (name === 'join' || name === 'concat')) return undefined;
      if (
        name === 'subarray' ||
        STRING_SLICE_METHODS.has(name) ||
        STRING_PART_METHODS.has(name) ||
        DECODE_METHODS.has(name) ||
        name === 'at' ||
        name === 'toLowerCase' ||
        name === 'toUpperCase' ||
        name === 'replace' ||
        name === 'replaceAll' ||
        name === 'normalize' ||
        name === 'join' ||
        name === 'values' ||
        name === 'concat'
      ) {
        return this.find(receiver, depth, seen, wholeOnly);
      }
      if (name === 'exec' && call.arguments[0]) return this.find(call.arguments[0], depth, seen);
      return this.fromHelper(call, depth, seen, wholeOnly);
    }
    const name = calleeName(call);
    if (name && IO_READ_FUNCTIONS.has(name)) {
      return { kind: 'io-read', label: `the data read by \`${shortText(this.sourceCode, call)}\``, node: call };
    }
    if (name === 'String' || name === 'structuredClone') return this.fromArguments(call, depth, seen, wholeOnly);
    return this.fromHelper(call, depth, seen, wholeOnly);
  }

  private fromArguments(
    call: TSESTree.CallExpression,
    depth: number,
    seen: Set<TSESTree.Node>,
    wholeOnly = false,
  ): Origin | undefined {
    for (const arg of call.arguments) {
      const target = arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg;
      const inner = unwrap(target);
      const candidates = inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements : [inner];
      for (const candidate of candidates) {
        if (!candidate) continue;
        const node = candidate.type === AST_NODE_TYPES.SpreadElement ? candidate.argument : candidate;
        const found = this.find(node, depth, seen, wholeOnly);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * Text made whole by the code itself: `JSON.stringify(v)`, `String(v)`, a Buffer's text
   * (`buf.toString('utf8')`, `Buffer.from(x, 'base64').toString()`), a decoder's `decode(…)`, or what an I/O
   * read returns (`readFileSync(p, 'utf8')`, `await res.text()`), directly or through a variable that is
   * never reassigned. A truncation of such text that a function hands back pins the whole text.
   */
  wholeTextOf(expr: TSESTree.Node, depth = 0): Origin | undefined {
    const node = unwrap(expr);
    if (depth > MAX_CALL_DEPTH) return undefined;
    if (node.type === AST_NODE_TYPES.AwaitExpression) return this.wholeTextOf(node.argument, depth + 1);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (!declarator.init || declarator.id !== def.name) return undefined;
      if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
      return this.wholeTextOf(declarator.init, depth + 1);
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const made = { kind: 'whole-text' as const, label: `the whole text of \`${shortText(this.sourceCode, node)}\``, node };
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && isGlobalBinding(this.sourceCode, callee)) return made;
    const method = methodCall(node);
    if (method) {
      const receiver = unwrap(method.receiver);
      if (method.name === 'stringify' && receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'JSON' && isGlobalBinding(this.sourceCode, receiver)) {
        return made;
      }
      // Only a Buffer's `toString` takes an encoding; `Buffer.from(…).toString()` is one too.
      const [first] = node.arguments;
      if (method.name === 'toString' && ((first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') || isBufferFactoryCall(receiver))) {
        return made;
      }
      if (method.name === 'decode' && isTextDecoder(receiver, this.sourceCode)) return made;
    }
    const read = this.originOf(node);
    return read?.kind === 'io-read' && read.node === node ? read : undefined;
  }

  /** A same-file helper returns incoming data when one of its returns derives from it. */
  private fromHelper(
    call: TSESTree.CallExpression,
    depth: number,
    seen: Set<TSESTree.Node>,
    wholeOnly = false,
  ): Origin | undefined {
    if (depth >= MAX_CALL_DEPTH) return undefined;
    const fn = this.calls.resolveCallee(call);
    if (!fn) return undefined;
    for (const returned of returnedExpressions(fn)) {
      const found = this.find(returned, depth + 1, seen, wholeOnly);
      if (found) return found;
    }
    return undefined;
  }

  /** `this.pending = Buffer.concat([this.pending, chunk])` somewhere in the class. */
  private isFieldAccumulator(cls: TSESTree.Node, name: string): boolean {
    let perClass = this.accumulators.get(cls);
    if (!perClass) {
      perClass = new Map();
      this.accumulators.set(cls, perClass);
    }
    const known = perClass.get(name);
    if (known !== undefined) return known;
    let found = false;
    let pushed = false;
    let joined = false;
    for (const ref of this.handlers.thisMemberRefs(cls).get(name) ?? []) {
      const parent = ref.parent;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref && isBufferConcat(parent.right)) {
        found = true;
        break;
      }
      // `this.buffer += chunk` of text: one string grown from many chunks (a line splitter's carry).
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref && parent.operator === '+=' && this.kinds.kindOf(ref) === 'string') {
        found = true;
        break;
      }
      // `this.chunks.push(chunk)` … `Buffer.concat(this.chunks)`: the chunks collected in a field, joined.
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === ref && propertyName(parent) === 'push' && parent.parent?.type === AST_NODE_TYPES.CallExpression) pushed = true;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === ref && isBufferConcat(parent)) joined = true;
    }
    found ||= pushed && joined;
    perClass.set(name, found);
    return found;
  }

  private isModuleAccumulator(variable: TSESLint.Scope.Variable): boolean {
    return variable.references.some(
      (ref) => ref.isWrite() && !ref.init && ref.writeExpr && isBufferConcat(ref.writeExpr as TSESTree.Node),
    );
  }

}

/** `Buffer.from(…)`, `Buffer.concat(…)`: a call of a `Buffer.*` factory. */
function isBufferFactoryCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = methodCall(node);
  const receiver = method && unwrap(method.receiver);
  return !!method && receiver?.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer' && BUFFER_FACTORIES.has(method.name);
}

/** `new TextDecoder()` (or `new util.TextDecoder()`), or a variable whose only value is one. */
function isTextDecoder(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return isConstructedBy(node, sourceCode, (callee) => nameOf(callee) === 'TextDecoder');
}

/** `Buffer.concat(…)`. */
export function isBufferConcat(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = methodCall(value);
  return (
    !!method &&
    method.name === 'concat' &&
    unwrap(method.receiver).type === AST_NODE_TYPES.Identifier &&
    (unwrap(method.receiver) as TSESTree.Identifier).name === 'Buffer'
  );
}

/** For `recv.map(fn)` and friends: `recv`, whose elements `fn` receives. */
export function iteratedReceiver(fn: FunctionNode): TSESTree.Node | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
  const method = methodCall(call);
  return method && ELEMENT_CALLBACK_METHODS.has(method.name) ? method.receiver : undefined;
}

/** `Buffer` factories that allocate a store of the size they are given. */
const ALLOCATING_FACTORIES = new Set(['alloc', 'allocUnsafe', 'allocUnsafeSlow']);

/** Below this many bytes a read buffer is too small for what a view of it keeps to matter. */
const MIN_READ_BUFFER_BYTES = 1024;

/**
 * A buffer the function makes and a read fills (`const b = new Uint8Array(bufSize); const n = await
 * r.read(b)`, `fs.readSync(fd, buf, …)`): a read returns what is available, often far less than the buffer,
 * and a view of the bytes read (`b.subarray(0, n)`) keeps the whole buffer. Deno's `iterateReader`
 * yielded such views of a fresh 32 KiB buffer per read. Not when its size is a constant under 1 KiB.
 */
function readBuffer(
  variable: TSESLint.Scope.Variable,
  id: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  kinds: Pick<ValueKinds, 'bufferFactory'>,
): Origin | undefined {
  const init = singleInit(variable);
  const made = init && unwrap(init);
  let size: TSESTree.Node | undefined;
  if (made?.type === AST_NODE_TYPES.NewExpression && made.callee.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_CONSTRUCTORS.has(made.callee.name) && made.arguments.length === 1) {
    size = made.arguments[0];
  } else if (made?.type === AST_NODE_TYPES.CallExpression && ALLOCATING_FACTORIES.has(kinds.bufferFactory(made) ?? '')) {
    size = made.arguments[0];
  }
  if (!size || size.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const bytes = staticNumber(size);
  if (bytes !== undefined && bytes < MIN_READ_BUFFER_BYTES) return undefined;
  for (const ref of variable.references) {
    const call = ref.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) continue;
    const method = methodCall(call);
    const name = method?.name ?? calleeName(call);
    // `r.read(b)`, `reader.readSync(b)`; `fs.read(fd, b, …)`, `readSync(fd, b, …)`.
    const fills = (name === 'read' || name === 'readSync') && (call.arguments[0] === ref.identifier || call.arguments[1] === ref.identifier);
    if (!fills || (method && unwrap(method.receiver).type === AST_NODE_TYPES.ThisExpression)) continue;
    return { kind: 'read-buffer', label: `the buffer \`${id.name}\` that \`${shortText(sourceCode, call.callee)}()\` fills`, node: id, made };
  }
  return undefined;
}

/** A piece of a larger value: a slice, a split part, a match or group, an element. */
function isPieceOf(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression) return node.computed || propertyName(node) === 'groups';
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = methodCall(node)?.name;
  return (
    !!name &&
    (STRING_SLICE_METHODS.has(name) || STRING_PART_METHODS.has(name) || name === 'subarray' || name === 'exec' || name === 'at')
  );
}

/**
 * The read call `fn` is the error-first callback of (`storage.read(off, n, (err, data) => …)`,
 * `fs.readFile(path, function (error, buf) {…})`), when its first parameter is named like an error.
 */
function readCallbackCall(fn: FunctionNode): TSESTree.CallExpression | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[call.arguments.length - 1] !== fn || fn.params.length < 2) return undefined;
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier || !/^(?:err|error|e|er)$/.test(first.name)) return undefined;
  const method = methodCall(call);
  const name = method?.name ?? calleeName(call);
  if (!name || (!IO_READ_METHODS.has(name) && !IO_READ_FUNCTIONS.has(name))) return undefined;
  if (method && unwrap(method.receiver).type === AST_NODE_TYPES.ThisExpression) return undefined;
  return call;
}

/** `Parser.parseInput(view)`, `decodeEntry(view)`: `view` is the first argument of a call of a function named as a parser. */
function handedToParser(view: TSESTree.Node): boolean {
  const call = view.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== view) return false;
  const name = calleeName(call);
  return !!name && PARSER_NAME.test(name);
}

/** `GitBranchParser.parse`, `parseBif`, `lexicalParse`: the name of a parsing function, else undefined. */
function parserLabel(fn: FunctionNode): string | undefined {
  const name = functionName(fn);
  const member = fn.parent;
  const cls = member?.type === AST_NODE_TYPES.MethodDefinition ? member.parent.parent : undefined;
  const className = cls && (cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression) ? cls.id?.name : undefined;
  if (name && PARSER_NAME.test(name)) return className ? `${className}.${name}` : name;
  if (className && PARSER_NAME.test(className) && name) return `${className}.${name}`;
  return undefined;
}

/**
 * `dec.buf.subarray(dec.pos, dec.pos + n)`: a cut of an input held beside a cursor, in the object a decoder is
 * handed (xpra's rencode, compact-encoding's `state`). The cursor says the input holds more than this one value:
 * the decoder is one of many calls that read their records out of it, in turn.
 */
function isCursorCut(expr: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const input = unwrap(expr);
  if (input.type === AST_NODE_TYPES.Identifier) return isPositionCut(input);
  if (input.type !== AST_NODE_TYPES.MemberExpression || input.computed) return false;
  const holder = unwrap(input.object);
  const field = propertyName(input);
  const method = input.parent;
  const call = method?.parent;
  if (holder.type !== AST_NODE_TYPES.Identifier || !field || method?.type !== AST_NODE_TYPES.MemberExpression || method.object !== input || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== method) return false;
  const escape = (name: string) => name.replace(/\$/g, '\\$');
  const cursor = new RegExp(`(?<![\\w$.])${escape(holder.name)}\\s*\\.\\s*(?!${escape(field)}(?![\\w$]))[\\w$]+`);
  return call.arguments.some((arg) => cursor.test(sourceCode.getText(arg)));
}

// A parameter that says where in its input a function is to read: `decodeBytes(data, pos, …)`.
const POSITION_PARAM = /^(?:pos|position|offset|off|cursor|ptr)$/i;

/**
 * `data.subarray(pos + prefix, pos + prefix + length)` in `function toToken(data, pos, prefix, length)`: the function
 * is handed its input and a position in it, so the input holds more than this one value (cborg's byte strings).
 */
function isPositionCut(input: TSESTree.Identifier): boolean {
  const method = input.parent;
  const call = method?.parent;
  if (method?.type !== AST_NODE_TYPES.MemberExpression || method.object !== input || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== method) return false;
  const fn = enclosingFunction(call);
  const params = (fn?.params ?? []).filter((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier);
  if (!params.some((param) => param.name === input.name)) return false;
  const positions = new Set(params.filter((param) => POSITION_PARAM.test(param.name)).map((param) => param.name));
  if (positions.size === 0 || !call.arguments[0]) return false;
  let found = false;
  walk(call.arguments[0], (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && positions.has(node.name)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/**
 * `node` runs once per record: inside a loop of `fn`, or of a callback `fn` hands to `forEach`/`map`, or
 * inside a helper `fn` declares and calls in such a loop (a recursive-descent parser's `parseName()`,
 * `parseText()` that cut the input its closure holds: shaka-player's tXml), through at most two helpers.
 */
function isRepeatedIn(node: TSESTree.Node, fn: FunctionNode, callSites: (helper: FunctionNode) => readonly TSESTree.CallExpression[], depth = 0): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isLoop(current)) return true;
    if (!isFunction(current)) continue;
    if (current.type !== AST_NODE_TYPES.FunctionDeclaration) {
      const call = current.parent;
      const method = call?.type === AST_NODE_TYPES.CallExpression ? methodCall(call) : undefined;
      if (method) return ELEMENT_CALLBACK_METHODS.has(method.name) || FOLDING_METHODS.has(method.name);
    }
    // Only a helper the parser declares (a function of the module is called from elsewhere too).
    if (depth >= 2 || !isInside(current, fn)) return false;
    const helper = current;
    return callSites(helper).some((site) => isInside(site, fn) && !isInside(site, helper) && isRepeatedIn(site, fn, callSites, depth + 1));
  }
  return false;
}
