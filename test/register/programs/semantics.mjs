// The ES module twin of semantics.cjs (module code is strict, has top-level await and import.meta):
// run with and without leakproof/register, the output must be the same.
const out = [];
const say = (label, value) => out.push(`${label}: ${JSON.stringify(value, (k, v) => (ArrayBuffer.isView(v) ? [v.constructor.name, ...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] : v))}`);
const attempt = (label, run) => {
  try {
    say(label, run());
  } catch (error) {
    say(label, `threw ${error.constructor.name}: ${error.message}`);
  }
};

const chunk = Buffer.alloc(8192);
for (let i = 0; i < 16; i++) chunk[i] = i;
const none = undefined;

say('top-level await', (await Promise.resolve(chunk)).subarray(1, 3));
say('import.meta', typeof import.meta.url.slice(0, 5));
say('?. none', none?.subarray(1).subarray(2));
say('?. some', chunk?.subarray(1).subarray(2, 4));
say('?.[]', chunk?.['subarray'](0, 1));
class Window extends DataView {
  get first() {
    return super.getUint8(0);
  }
  static of(buffer) {
    return new this(buffer, 3, 2);
  }
}
say('static new this', Window.of(chunk.buffer).first);
const record = { at: 0, get view() { this.at++; return chunk; } };
say('getter once', [record.view.subarray(2, 4), record.at]);
attempt('bad Buffer.from', () => Buffer.from(new ArrayBuffer(4), 8));
attempt('frozen target', () => Object.freeze(chunk.subarray(0, 0)) && 'no error');
say('generator', [...(function* () { yield chunk.subarray(0, 1); yield new Int8Array(chunk.buffer, chunk.byteOffset, 1); })()]);

console.log(out.join('\n'));
