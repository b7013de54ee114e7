'use strict';
// Run with and without leakproof/register: the output must be the same, byte for byte. Each line
// exercises one thing the loader's wrapping could change: values, exceptions, `this`, optional chains,
// super, getters and the order in which receivers and arguments are evaluated.
const out = [];
const say = (label, value) => out.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value, (k, v) => (ArrayBuffer.isView(v) ? [v.constructor.name, ...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] : typeof v === 'bigint' ? `${v}n` : v))}`);
const attempt = (label, run) => {
  try {
    say(label, run());
  } catch (error) {
    say(label, `threw ${error.constructor.name}: ${error.message}`);
  }
};

const chunk = Buffer.alloc(8192);
for (let i = 0; i < 16; i++) chunk[i] = i;

// values and nesting
say('subarray', chunk.subarray(2, 6));
say('nested', chunk.subarray(1).subarray(2).slice(0, 3));
say('string slice', 'hello world'.slice(6));
say('array slice', [1, 2, 3].slice(1));
say('Buffer.from ab', Buffer.from(chunk.buffer, chunk.byteOffset + 3, 2));
say('Buffer.from string', Buffer.from('hi'));
say('new typed', new Uint16Array(chunk.buffer, chunk.byteOffset, 2));
say('new DataView', new DataView(chunk.buffer, chunk.byteOffset + 4, 4).getUint32(0));
say('new from length', new Uint8Array(3));

// optional chains
const none = null;
const holder = { chunk, inner: { chunk } };
say('?. none', none?.subarray(1));
say('?. none length', none?.subarray(1).length);
say('?. deep none', none?.inner.chunk.subarray(1).length);
say('?. some length', holder?.chunk.subarray(1, 4).length);
say('?.() method', holder.chunk.subarray?.(0, 2));
say('?.() missing', holder.nothing?.subarray(0, 2));
say('(?.) paren', (holder?.inner).chunk.subarray(5, 7));
say('?. after call', chunk.subarray(0, 2)?.length);

// this
const thisCheck = {
  slice() {
    return this === thisCheck;
  },
};
say('this', thisCheck.slice());
say('this detached', (0, thisCheck.slice)());
function sloppyThis() {
  return this === undefined;
}
say('strict directive kept', sloppyThis());

// super
class Frame extends Uint8Array {
  subarray(begin, end) {
    return ['Frame#subarray', super.subarray(begin, end).length];
  }
  slice(begin) {
    return super.slice(begin).length;
  }
}
const frame = new Frame(chunk.buffer, chunk.byteOffset, 16);
say('super subarray', frame.subarray(1, 5));
say('super slice', frame.slice(10));
say('subclass', new Frame(4) instanceof Frame);

// getters and evaluation order
const order = [];
const traced = {
  get buffer() {
    order.push('get buffer');
    return chunk;
  },
};
const arg = (value) => (order.push(`arg ${value}`), value);
say('getter receiver', traced.buffer.subarray(arg(1), arg(3)));
const getterMethod = {
  get subarray() {
    order.push('get subarray');
    return function (a) {
      order.push(`call subarray ${a}`);
      return this === getterMethod;
    };
  },
};
say('getter method', getterMethod.subarray(arg(9)));
say('order', order);

// exceptions
attempt('null receiver', () => none.subarray(1));
attempt('undefined method', () => ({}).slice(1));
attempt('bad DataView offset', () => new DataView(new ArrayBuffer(4), 8));
attempt('bad typed offset', () => new Uint32Array(new ArrayBuffer(8), 1));
attempt('Buffer.from symbol', () => Buffer.from(Symbol('x')));
attempt('throwing method', () => ({ slice() { throw new RangeError('from slice'); } }).slice());
attempt('throwing argument', () => chunk.subarray((() => { throw new Error('in argument'); })()));

// other syntax around a call
const tag = (strings, ...values) => `${strings.join('|')}/${values.length}`;
say('tagged', ((s) => tag)(0)`a${chunk.subarray(0, 1).length}b`);
say('typeof', typeof chunk.subarray(0));
say('delete', delete chunk.subarray(0).foo);
say('comma', (chunk.subarray(0, 1), chunk.slice(1, 2)));
say('spread', [...chunk.subarray(0, 3)]);
say('arguments', (function () { return [].slice.call(arguments, 1); })(1, 2, 3));
say('async', typeof (async () => chunk.subarray(0, (await Promise.resolve(2))))());
const lines = ['a', 'b']
;[0].forEach(() => say('asi', lines.slice(1)))

// what recording a view writes into it (its site, in a private field) must not show: these views are
// small views of an 8 KiB ArrayBuffer, so the loader records each of them
const util = require('node:util');
const assert = require('node:assert');
const v8 = require('node:v8');
const recorded = chunk.subarray(8, 12);
const window = new DataView(chunk.buffer, chunk.byteOffset + 2, 2);
say('own keys', Reflect.ownKeys(recorded).map(String));
say('own symbols', [Object.getOwnPropertySymbols(recorded).length, Object.getOwnPropertySymbols(window).length]);
say('DataView own names', Object.getOwnPropertyNames(window));
say('inspect', util.inspect(recorded, { showHidden: true }));
say('inspect DataView', util.inspect(window, { showHidden: true, maxArrayLength: 4 }));
say('proxy keys', Reflect.ownKeys(new Proxy(recorded, {})).length);
say('structuredClone', structuredClone(recorded));
say('v8.serialize', [...v8.serialize(recorded)]);
attempt('deepStrictEqual', () => (assert.deepStrictEqual(recorded, Buffer.from([8, 9, 10, 11])), 'equal'));
attempt('deepStrictEqual DataView', () => (assert.deepStrictEqual(window, new DataView(chunk.buffer, chunk.byteOffset + 2, 2)), 'equal'));
say('extensible', [Object.isExtensible(recorded), Object.isSealed(recorded), Object.isFrozen(recorded)]);
// a view made non-extensible before a wrapped call hands it back (twice); `.call` is not wrapped
const fixed = Object.preventExtensions(Uint8Array.prototype.subarray.call(chunk, 20, 24));
const handsBack = { slice: () => fixed };
say('non-extensible', [handsBack.slice() === fixed, handsBack.slice() === handsBack.slice(), Object.isExtensible(fixed), Reflect.ownKeys(fixed).length]);

console.log(out.join('\n'));
