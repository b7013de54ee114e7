import type { Node } from 'acorn';
import { TYPED_ARRAY_NAMES } from '../runtime/intrinsics';
import { formatSiteId, VIEW_HELPER } from '../runtime/static-sites';
import { DEFAULT_RULE } from '../runtime/sites';
import type { RuntimeRule } from '../runtime/types';
import { loadSourceMap, originalPosition } from './source-map';
import type { SourceMap } from './source-map';

/**
 * The loader's source transform: every expression that can make a view is wrapped in
 * `__leakproof_view("SITE", EXPR)`, where SITE names the expression's original file, line and column
 * (through the module's source map when it has one), its callee and the rule the linter gives that
 * line. Nothing else changes: the expression is evaluated as written (its receiver, `this`, `super`,
 * arguments, order and exceptions are the original's) and its value is passed through. No newline is
 * added, so every line keeps its number; columns after an inserted prefix move.
 *
 * An expression whose view provably cannot outlive the call that makes it (a `const` or `let` of a
 * synchronous function that the function only reads from: cannotEscape) is left as written: that view
 * cannot retain memory once the call returns, and following it weakly would cost as much as following
 * the ones that can (a FinalizationRegistry entry per view is most of the loader's cost).
 */

export type ModuleFormat = 'module' | 'commonjs';

/** Finds the leakproof rule the linter reported at a line of a file, if a lint result was given. */
export type RuleLookup = (file: string, line: number, column: number) => RuntimeRule | undefined;

export interface InstrumentResult {
  code: string;
  /** Expressions wrapped. */
  sites: number;
  /** Expressions left alone: inside an optional chain that can stop before them (see wrappable). */
  skipped: number;
  /**
   * Expressions left alone because the view they make cannot outlive the call of the function that
   * makes it (see escapes): a local of a synchronous function that the function only reads.
   */
  local: number;
  /** A source map that could not be read: sites keep the generated positions. */
  warning?: string;
}

const METHODS = new Set(['subarray', 'slice']);
// The typed-array constructors the runtime knows (Float16Array too, where it exists) and DataView.
const CONSTRUCTORS = new Set<string>([...TYPED_ARRAY_NAMES, 'DataView']);

// A file that mentions none of these has nothing to wrap and is not parsed.
const MENTIONS = /subarray|slice|Buffer\s*\.\s*from|Array\b|DataView/;

type AnyNode = Node & Record<string, unknown>;

interface Edit {
  at: number;
  text: string;
  /** Sort key among edits at the same offset: closers first (inner first), then openers (outer first). */
  order: number;
}

/** Offsets where lines start, for 1-based line and column (JavaScript's line terminators). */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
    else if (c === 13) {
      if (code.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** What the expression makes a view with, as written; undefined if it is not one the loader wraps. */
function describe(node: AnyNode): { via: string; at: number } | undefined {
  if (node.type === 'CallExpression') {
    const callee = node.callee as AnyNode;
    if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
    const property = callee.property as AnyNode;
    if (property.type !== 'Identifier') return undefined;
    const name = property.name as string;
    // V8 puts a method call's position at the property name: the same column track() reports.
    if (METHODS.has(name)) return { via: name, at: property.start };
    const object = callee.object as AnyNode;
    if (name === 'from' && object.type === 'Identifier' && object.name === 'Buffer') return { via: 'Buffer.from', at: property.start };
    return undefined;
  }
  if (node.type === 'NewExpression') {
    const callee = node.callee as AnyNode;
    if (callee.type === 'Identifier' && CONSTRUCTORS.has(callee.name as string) && (node.arguments as unknown[]).length > 0) {
      return { via: `new ${callee.name as string}`, at: node.start };
    }
  }
  return undefined;
}

/** Whether an optional link (`?.`) on the chain below `node` (its callee and objects) can stop the chain before it. */
function hasOptionalBelow(node: AnyNode): boolean {
  let current: AnyNode | undefined = node;
  while (current !== undefined) {
    if (current.optional === true) return true;
    if (current.type === 'CallExpression') current = current.callee as AnyNode;
    else if (current.type === 'MemberExpression') current = current.object as AnyNode;
    else return false;
  }
  return false;
}

function isNode(value: unknown): value is AnyNode {
  return value !== null && typeof value === 'object' && typeof (value as AnyNode).type === 'string';
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** A place an identifier is named in a function: the node, its parent and grandparent, and the parent's key for it. */
interface Occurrence {
  node: AnyNode;
  parent: AnyNode;
  key: string;
  grandparent: AnyNode | undefined;
  /** Inside a function or class nested in the one collected: a closure, which can outlive the call. */
  nested: boolean;
}

interface FunctionNames {
  byName: Map<string, Occurrence[]>;
  /** The function (or one nested in it) names `eval`: a direct eval can read any local. */
  evaluates: boolean;
}

/** Whether `node`, the `key` child of `parent`, is a name that refers to no variable (a property name, a label). */
function isNotReference(parent: AnyNode, key: string): boolean {
  if (key === 'label') return true; // LabeledStatement, BreakStatement, ContinueStatement
  if (parent.type === 'MetaProperty') return true; // new.target, import.meta
  if (key === 'property' && parent.type === 'MemberExpression') return parent.computed !== true;
  if (key === 'key' && (parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition')) return parent.computed !== true;
  return false;
}

/** Every identifier that may refer to a variable in `fn` (its parameters and body), by name. */
function collectNames(fn: AnyNode): FunctionNames {
  const byName = new Map<string, Occurrence[]>();
  let evaluates = false;
  const walk = (node: AnyNode, parent: AnyNode, key: string, grandparent: AnyNode | undefined, nested: boolean): void => {
    if (node.type === 'Identifier') {
      if (isNotReference(parent, key)) return;
      const name = node.name as string;
      if (name === 'eval') evaluates = true;
      let list = byName.get(name);
      if (list === undefined) byName.set(name, (list = []));
      list.push({ node, parent, key, grandparent, nested });
      return;
    }
    const inner = nested || FUNCTIONS.has(node.type) || node.type === 'ClassBody';
    for (const childKey of Object.keys(node)) {
      const value = node[childKey];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) walk(child, node, childKey, parent, inner);
      } else if (isNode(value)) {
        walk(value, node, childKey, parent, inner);
      }
    }
  };
  for (const param of fn.params as AnyNode[]) walk(param, fn, 'params', undefined, false);
  walk(fn.body as AnyNode, fn, 'body', undefined, false);
  return { byName, evaluates };
}

/**
 * Methods of Buffer, typed arrays and DataView that neither keep nor return their receiver (nor an
 * iterator over it, nor hand it to a callback): a view that is only their receiver is not kept by them.
 * subarray and slice return another view of the same memory, not the receiver (that view is wrapped
 * where it is made). fill, sort, reverse, copyWithin, swap16/32/64 and valueOf return the receiver;
 * keys, values, entries return an iterator holding it; forEach, map and the like pass it to a callback.
 */
const SAFE_METHODS = new Set(['toString', 'toLocaleString', 'toJSON', 'equals', 'compare', 'indexOf', 'lastIndexOf', 'includes', 'at', 'join', 'copy', 'write', 'set', 'subarray', 'slice']);
const SAFE_METHOD = /^(read|write)(U?Int|Uint|BigU?Int|BigUint|Float|Double)|^(get|set)(U?Int|Uint|BigU?Int|BigUint|Float)/;

/** Whether `node` is written to where it stands in `parent`: an assignment's or a loop's target, or a pattern's element. */
function isWriteTarget(node: AnyNode, parent: AnyNode): boolean {
  switch (parent.type) {
    case 'AssignmentExpression':
    case 'AssignmentPattern':
    case 'ForInStatement':
    case 'ForOfStatement':
      return parent.left === node;
    case 'ArrayPattern':
    case 'RestElement':
      return true;
    // In an object pattern a property's value is a target; in an object literal it is read, counted
    // as a write too (the parser's node is the same): a needless wrap, never a missed one.
    case 'Property':
      return parent.value === node;
    default:
      return false;
  }
}

/**
 * Whether a mention of the variable cannot let its value outlive the call: the object of a property
 * read or of an element write, the receiver of a method in SAFE_METHODS, an operand of a comparison whose result is a
 * boolean, the test of a branch or a loop. Anything else (an argument, a returned or assigned value,
 * an array or object element, a spread, a closure's mention, a tagged template's receiver) may keep it.
 */
function keepsNothing(occurrence: Occurrence): boolean {
  if (occurrence.nested) return false;
  const { parent, key, grandparent } = occurrence;
  switch (parent.type) {
    case 'MemberExpression': {
      if (key !== 'object') return false;
      if (grandparent?.type === 'CallExpression' && grandparent.callee === parent) {
        const property = parent.property as AnyNode;
        if (parent.computed === true || property.type !== 'Identifier') return false;
        const name = property.name as string;
        return SAFE_METHODS.has(name) || SAFE_METHOD.test(name);
      }
      // A tagged template calls its tag with the member's object as `this`.
      if (grandparent?.type === 'TaggedTemplateExpression') return false;
      // A named property written (`v.toString = fn`, also by destructuring) could be a function that a
      // later `v.toString()` calls with the view as `this`. Element writes (`v[i] = x`) are allowed.
      return parent.computed === true || grandparent === undefined || !isWriteTarget(parent, grandparent);
    }
    case 'BinaryExpression':
      return parent.operator === '===' || parent.operator === '!==';
    case 'UnaryExpression':
      return parent.operator === 'typeof' || parent.operator === '!';
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'ConditionalExpression':
      return key === 'test';
    default:
      return false;
  }
}

/**
 * Whether the value of `target` cannot outlive the call of the function that makes it, so that the view
 * it may be cannot retain memory past that call: `target` initialises a `const` or `let` of a
 * synchronous function (not async, not a generator: those keep their locals across awaits and yields),
 * and every mention of that name in the function keeps nothing (see keepsNothing). Conservative: a
 * second variable of the same name, a closure that names it or an `eval` anywhere in the function
 * counts as an escape. `parents` are the ancestors of the node being visited; `depth` is the index
 * after `target`'s parent in it. Assumes the built-in methods of views (a subclass overriding a method
 * in SAFE_METHODS to store `this` is not seen).
 */
function cannotEscape(target: AnyNode, parents: AnyNode[], depth: number, namesIn: (fn: AnyNode) => FunctionNames): boolean {
  const declarator = parents[depth - 1];
  const declaration = parents[depth - 2];
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== target || (declarator.id as AnyNode).type !== 'Identifier') return false;
  if (declaration?.type !== 'VariableDeclaration' || (declaration.kind !== 'const' && declaration.kind !== 'let')) return false;
  let fn: AnyNode | undefined;
  for (let i = depth - 3; i >= 0; i--) {
    const ancestor = parents[i]!;
    if (FUNCTIONS.has(ancestor.type)) {
      fn = ancestor;
      break;
    }
    // A class field's initializer or static block, or the module's top level (which may await): not a plain call.
    if (ancestor.type === 'ClassBody' || ancestor.type === 'StaticBlock' || ancestor.type === 'Program') return false;
  }
  if (fn === undefined || fn.async === true || fn.generator === true) return false;
  const names = namesIn(fn);
  if (names.evaluates) return false;
  const id = declarator.id as AnyNode;
  const occurrences = names.byName.get(id.name as string) ?? [];
  return occurrences.every((occurrence) => occurrence.node === id || keepsNothing(occurrence));
}

type Acorn = typeof import('acorn');
let acorn: Acorn | undefined;

/**
 * acorn, loaded on first use. It is an optional peer of leakproof: only this loader parses, so an
 * install for `leakproof/runtime` alone pulls in nothing. Throws an Error naming the install when absent.
 */
export function loadParser(): Acorn {
  if (!acorn) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      acorn = require('acorn') as Acorn;
    } catch {
      throw new Error('leakproof/register needs the acorn parser, an optional peer of leakproof: npm install --save-dev acorn');
    }
  }
  return acorn;
}

export interface InstrumentOptions {
  /** Wrap the expressions whose views cannot outlive their call too (LEAKPROOF_ALL_VIEWS=1). Default false. */
  allViews?: boolean;
}

/**
 * Wraps the view-making expressions of `code` (an ES module or a CommonJS module, as `format` says)
 * loaded from `file` (a path). Throws a SyntaxError (with acorn's line and column) on code acorn
 * cannot parse.
 */
export function instrument(code: string, file: string, format: ModuleFormat, rules?: RuleLookup, options: InstrumentOptions = {}): InstrumentResult {
  if (!MENTIONS.test(code)) return { code, sites: 0, skipped: 0, local: 0 };
  const program = loadParser().parse(code, {
    ecmaVersion: 'latest',
    sourceType: format === 'module' ? 'module' : 'commonjs',
    allowHashBang: true,
    allowReturnOutsideFunction: format !== 'module',
  }) as unknown as AnyNode;

  let map: SourceMap | undefined;
  let warning: string | undefined;
  let starts: number[] | undefined;
  let mapLoaded = false;
  const edits: Edit[] = [];
  let skipped = 0;
  let local = 0;
  let sites = 0;

  const siteId = (at: number, via: string): string => {
    starts ??= lineStarts(code);
    if (!mapLoaded) {
      mapLoaded = true;
      const loaded = loadSourceMap(code, file);
      if (loaded instanceof Error) warning = loaded.message;
      else map = loaded;
    }
    const generated = position(starts, at);
    const original = map === undefined ? undefined : originalPosition(map, generated.line, generated.column);
    const where = original ?? { file, line: generated.line, column: generated.column };
    const rule = rules?.(where.file, where.line, where.column) ?? DEFAULT_RULE;
    return formatSiteId(where.file, where.line, where.column, via, rule);
  };

  const wrap = (start: number, end: number, id: string): void => {
    const size = end - start;
    edits.push({ at: start, text: `${VIEW_HELPER}(${JSON.stringify(id)},`, order: 1e12 - size });
    edits.push({ at: end, text: ')', order: size });
    sites++;
  };

  // The nodes from the program down to the one being visited (its parent last).
  const parents: AnyNode[] = [];
  const functions = new Map<AnyNode, FunctionNames>();
  const namesIn = (fn: AnyNode): FunctionNames => {
    let names = functions.get(fn);
    if (names === undefined) {
      names = collectNames(fn);
      functions.set(fn, names);
    }
    return names;
  };

  /** Wraps `target` (the expression, or the chain it ends), unless the view it makes cannot escape its call. */
  const wrapOrLeave = (target: AnyNode, depth: number, found: { via: string; at: number }): void => {
    if (options.allViews !== true && cannotEscape(target, parents, depth, namesIn)) local++;
    else wrap(target.start, target.end, siteId(found.at, found.via));
  };

  /** `chain`: the ChainExpression whose spine (callees and objects) `node` is on, with its top expression. */
  const visit = (node: AnyNode, chain: AnyNode | undefined): void => {
    if (node.type === 'ChainExpression') {
      parents.push(node);
      visit(node.expression as AnyNode, node);
      parents.pop();
      return;
    }
    const found = describe(node);
    if (found !== undefined) {
      // The parent of `node` is parents[parents.length - 1]; of a chain `node` ends, the one below that.
      if (chain === undefined) wrapOrLeave(node, parents.length, found);
      // The chain's last link: `a?.subarray(1)` as a whole is undefined or the view.
      else if (chain.expression === node) wrapOrLeave(chain, parents.length - 1, found);
      // A link in the middle: wrapping it would break the short-circuit of a `?.` below it.
      else if (hasOptionalBelow(node)) skipped++;
      else wrap(node.start, node.end, siteId(found.at, found.via));
    }
    parents.push(node);
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const value = node[key];
      const onSpine = chain !== undefined && ((key === 'callee' && node.type === 'CallExpression') || (key === 'object' && node.type === 'MemberExpression'));
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child, undefined);
      } else if (isNode(value)) {
        visit(value, onSpine ? chain : undefined);
      }
    }
    parents.pop();
  };
  visit(program, undefined);

  if (edits.length === 0) return { code, sites: 0, skipped, local, warning };
  edits.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += code.slice(last, edit.at) + edit.text;
    last = edit.at;
  }
  out += code.slice(last);
  return { code: out, sites, skipped, local, warning };
}
