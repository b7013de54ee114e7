import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { LIBRARY_CONTRACT_NAMES, POOLED_LIBRARY_FUNCTIONS, SCALAR_ENCODINGS, VIEW_DECODING_ENCODINGS } from './apis';
import { calledExport, findVariable, moduleBinding, moduleObjectOf, propertyName, shortText, unwrap } from './ast';

/**
 * What a library function hands back by its contract, when its code is not in the linted repository: a
 * view of the message it decodes, or a Buffer it takes from Node's shared pool. The data is apis.ts's
 * (measured with scripts/measure-library-contracts.js); this module is the one place that decides whether
 * a call runs such a function. It does only when the receiver is bound in the file to the module
 * (`const c = require('compact-encoding')`, `import crypto from 'hypercore-crypto'`, `import { fixed32 }
 * from 'compact-encoding'`), or is a property every write of which in the file stores that binding
 * (`this.crypto = crypto`, then `this.tree.crypto.tree(roots)`): a name alone (`c`) is no proof.
 */
export interface LibraryContract {
  /** 'view': a view of the buffer the call reads; 'pooled': a Buffer from the shared pool. */
  kind: 'view' | 'pooled';
  /** The module that makes the contract: 'compact-encoding', 'hypercore-crypto'. */
  module: string;
  /** For messages, the function: "hypercore-crypto's `tree()`", "compact-encoding's `fixed32.decode()`". */
  label: string;
  /** For messages, what the value is: "a 32-byte view of the message `state` reads". */
  what: string;
  /** For messages, the contract it comes from: "compact-encoding decoders return views". */
  evidence: string;
  /** For 'pooled': the allocation inside the library ("b4a.allocUnsafe(32)"). */
  allocation?: string;
  /** For 'view': the result is itself the view (a decoder of bytes), so an exact copy of it replaces it; a decoded record is not. */
  copyable?: boolean;
  /** For 'view': the argument whose buffer the view is of (the state, or the buffer `c.decode` reads). */
  source?: TSESTree.Node;
}

/** The values a file writes to a property (`x.crypto = …`, `{ crypto: … }`), when all its writes are plain ones. */
export type MemberValues = (member: TSESTree.MemberExpression) => readonly TSESTree.Node[] | undefined;

/** The modules that have contracts: a file that imports none of them at its top level runs none. */
export const CONTRACT_MODULES: readonly string[] = [...new Set([...VIEW_DECODING_ENCODINGS.keys(), ...POOLED_LIBRARY_FUNCTIONS.keys()])];

/** A cheap test asked of every call before the contract: the called function's name is one a contract has. */
export function mayRunContract(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return LIBRARY_CONTRACT_NAMES.has(callee.name);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && LIBRARY_CONTRACT_NAMES.has(callee.property.name);
}

/** The contract `call` runs under, or undefined (most calls: a cheap name test first). */
export function findLibraryContract(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, memberValues: MemberValues): LibraryContract | undefined {
  const callee = unwrap(call.callee);
  let name: string | undefined;
  let module: string | undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (callee.computed) return undefined;
    name = propertyName(callee);
    if (!name || !LIBRARY_CONTRACT_NAMES.has(name)) return undefined;
    module = moduleObject(callee.object, sourceCode, memberValues);
    if (!module && name === 'decode') {
      // `c.fixed32.decode(state)` (`c` the module), or `fixed32.decode(state)` with `fixed32` imported from it.
      const encodingOf = namedEncoding(callee.object, sourceCode, memberValues);
      if (encodingOf) return decoderView(call, encodingOf.module, encodingOf.encoding, sourceCode);
      return undefined;
    }
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    // `import { decode } from 'compact-encoding'`, `const { tree } = require('hypercore-crypto')`.
    if (!LIBRARY_CONTRACT_NAMES.has(callee.name)) return undefined;
    const binding = calledExport(sourceCode, call);
    if (!binding?.name || binding.name === 'default') return undefined;
    name = binding.name;
    module = binding.module;
  }
  if (!name || !module) return undefined;
  const allocation = POOLED_LIBRARY_FUNCTIONS.get(module)?.get(name);
  if (allocation) {
    return { kind: 'pooled', module, label: `${module}'s \`${name}()\``, what: 'a Buffer from the shared pool', evidence: `${module}'s \`${name}()\` writes into \`${allocation}\``, allocation };
  }
  if (name === 'decode' && VIEW_DECODING_ENCODINGS.has(module)) {
    // `c.decode(encoding, buffer)`: what the encoding's decoder makes of the whole buffer.
    const [encoding] = call.arguments;
    const buffer = call.arguments[1];
    if (!encoding || !buffer || encoding.type === AST_NODE_TYPES.SpreadElement || buffer.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const named = namedEncoding(encoding, sourceCode, memberValues);
    if (named && SCALAR_ENCODINGS.get(named.module)?.has(named.encoding)) return undefined;
    if (named && VIEW_DECODING_ENCODINGS.get(named.module)?.has(named.encoding)) return decoderView(call, named.module, named.encoding, sourceCode, buffer);
    const text = `\`${shortText(sourceCode, buffer)}\``;
    return { kind: 'view', module, label: `${module}'s \`decode()\``, what: `decoded from ${text}, and the bytes it holds are views of ${text}`, evidence: `${module} decoders return views of the buffer they read`, copyable: false, source: buffer };
  }
  return undefined;
}

/** `fixed32.decode(state)`: a view of the message the state reads, of a fixed size when the encoding has one. */
function decoderView(call: TSESTree.CallExpression, module: string, encoding: string, sourceCode: Readonly<TSESLint.SourceCode>, buffer?: TSESTree.Node): LibraryContract | undefined {
  const size = VIEW_DECODING_ENCODINGS.get(module)?.get(encoding);
  if (size === undefined) return undefined;
  const source = buffer ?? call.arguments[0];
  if (!source || source.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const of = buffer ? `\`${shortText(sourceCode, source)}\`` : `the message \`${shortText(sourceCode, source)}\` reads`;
  return { kind: 'view', module, label: `${module}'s \`${encoding}.decode()\``, what: `${size ? `a ${size}-byte view` : 'a view'} of ${of}`, evidence: `${module} decoders return views`, copyable: true, source };
}

/** `c.fixed32` with `c` the module, or `fixed32` imported from it: the module and the encoding's name. */
function namedEncoding(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, memberValues: MemberValues): { module: string; encoding: string } | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) {
    const encoding = propertyName(target);
    const module = moduleObject(target.object, sourceCode, memberValues);
    return encoding && module ? { module, encoding } : undefined;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, target);
    const binding = variable && moduleBinding(variable);
    return binding?.name && binding.name !== 'default' ? { module: binding.module, encoding: binding.name } : undefined;
  }
  return undefined;
}

/** The module a receiver is, when it is the module object of a library with contracts. */
function moduleObject(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, memberValues: MemberValues, depth = 0): string | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const module = moduleObjectOf(sourceCode, target);
    return module && hasContracts(module) ? module : undefined;
  }
  // `this.crypto` or `this.tree.crypto`: a property every write of which in the file is the module.
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || depth > 0) return undefined;
  const values = memberValues(target);
  if (!values || values.length === 0) return undefined;
  let found: string | undefined;
  for (const value of values) {
    const module = moduleObject(value, sourceCode, memberValues, depth + 1);
    if (!module || (found && found !== module)) return undefined;
    found = module;
  }
  return found;
}

function hasContracts(module: string): boolean {
  return VIEW_DECODING_ENCODINGS.has(module) || POOLED_LIBRARY_FUNCTIONS.has(module);
}
