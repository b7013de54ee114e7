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

/**
 * Wraps the view-making expressions of `code` (an ES module or a CommonJS module, as `format` says)
 * loaded from `file` (a path). Throws a SyntaxError (with acorn's line and column) on code acorn
 * cannot parse.
 */
export function instrument(code: string, file: string, format: ModuleFormat, rules?: RuleLookup): InstrumentResult {
  if (!MENTIONS.test(code)) return { code, sites: 0, skipped: 0 };
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

  /** `chain`: the ChainExpression whose spine (callees and objects) `node` is on, with its top expression. */
  const visit = (node: AnyNode, chain: AnyNode | undefined): void => {
    if (node.type === 'ChainExpression') {
      visit(node.expression as AnyNode, node);
      return;
    }
    const found = describe(node);
    if (found !== undefined) {
      if (chain === undefined) wrap(node.start, node.end, siteId(found.at, found.via));
      // The chain's last link: `a?.subarray(1)` as a whole is undefined or the view.
      else if (chain.expression === node) wrap(chain.start, chain.end, siteId(found.at, found.via));
      // A link in the middle: wrapping it would break the short-circuit of a `?.` below it.
      else if (hasOptionalBelow(node)) skipped++;
      else wrap(node.start, node.end, siteId(found.at, found.via));
    }
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const value = node[key];
      const onSpine = chain !== undefined && ((key === 'callee' && node.type === 'CallExpression') || (key === 'object' && node.type === 'MemberExpression'));
      if (Array.isArray(value)) {
        for (const child of value) if (child !== null && typeof child === 'object' && typeof (child as AnyNode).type === 'string') visit(child as AnyNode, undefined);
      } else if (value !== null && typeof value === 'object' && typeof (value as AnyNode).type === 'string') {
        visit(value as AnyNode, onSpine ? chain : undefined);
      }
    }
  };
  visit(program, undefined);

  if (edits.length === 0) return { code, sites: 0, skipped, warning };
  edits.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += code.slice(last, edit.at) + edit.text;
    last = edit.at;
  }
  out += code.slice(last);
  return { code: out, sites, skipped, warning };
}
