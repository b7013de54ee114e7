import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeMappings, findSourceMapUrl, loadSourceMap, originalPosition } from '../../src/register/source-map';
import type { SourceMap } from '../../src/register/source-map';

describe('decodeMappings', () => {
  it('reads segments relative to the previous one, a column that restarts on each line, and empty lines', () => {
    expect(decodeMappings('AAAA,IAAI;AACA;;GAAG')).toEqual([[0, 0, 0, 0, 4, 0, 0, 4], [0, 0, 1, 4], [], [3, 0, 1, 7]]);
  });

  it('reads continuation digits and negative numbers', () => {
    // g (32: continue, 0) then B (1 << 5) = 32, sign bit clear: 16. D = 3, sign bit set: -1.
    // 2 (54: continue, 22) then H (7 << 5) = 246: 123.
    expect(decodeMappings('gBAAA,CADD')).toEqual([[16, 0, 0, 0, 17, 0, -1, -1]]);
    expect(decodeMappings('2HAAA')).toEqual([[123, 0, 0, 0]]);
  });

  it('drops one-field segments (generated code with no original) and sorts a line out of order', () => {
    expect(decodeMappings('A,EAAE')).toEqual([[2, 0, 0, 2]]);
    // I: column 4; F: -2, so column 2, listed second.
    expect(decodeMappings('IAAI,FAAC')).toEqual([[2, 0, 0, 5, 4, 0, 0, 4]]);
  });

  it('rejects what is not Base64 VLQ, with the reason', () => {
    expect(() => decodeMappings('AA!A')).toThrow("'!' is not a Base64 digit");
    expect(() => decodeMappings('AAg')).toThrow('a VLQ number is cut off');
    expect(() => decodeMappings('AA')).toThrow('a segment has 2 fields');
    expect(() => decodeMappings('AAAAAA')).toThrow('a segment has more than 5 fields');
  });
});

describe('originalPosition', () => {
  const map: SourceMap = { lines: decodeMappings('AAAA,IAAI;AACA;;GAAG'), sources: ['/src/a.ts'] };

  it('takes the segment at or before the column, 1-based in and out', () => {
    expect(originalPosition(map, 1, 1)).toEqual({ file: '/src/a.ts', line: 1, column: 1 });
    expect(originalPosition(map, 1, 5)).toEqual({ file: '/src/a.ts', line: 1, column: 5 });
    expect(originalPosition(map, 1, 100)).toEqual({ file: '/src/a.ts', line: 1, column: 5 });
    expect(originalPosition(map, 2, 1)).toEqual({ file: '/src/a.ts', line: 2, column: 5 });
    expect(originalPosition(map, 4, 4)).toEqual({ file: '/src/a.ts', line: 2, column: 8 });
  });

  it('has no answer on a line without segments, before the first segment, or past the last line', () => {
    expect(originalPosition(map, 3, 1)).toBeUndefined();
    expect(originalPosition(map, 4, 3)).toBeUndefined();
    expect(originalPosition(map, 9, 1)).toBeUndefined();
  });
});

describe('loadSourceMap', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-source-map-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const json = (extra: Record<string, unknown> = {}): string => JSON.stringify({ version: 3, sources: ['../src/app.ts'], mappings: 'AAAA', ...extra });

  it('reads an inline base64 data: URL; sources are relative to the file', () => {
    const file = path.join(dir, 'out', 'app.js');
    const code = `x;\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(json()).toString('base64')}\n`;
    expect(loadSourceMap(code, file)).toEqual({ lines: [[0, 0, 0, 0]], sources: [path.join(dir, 'src', 'app.ts')] });
  });

  it('reads a map file next to the code, with its sourceRoot', () => {
    fs.mkdirSync(path.join(dir, 'maps'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'maps', 'app.js.map'), json({ sourceRoot: 'root/' }));
    const map = loadSourceMap('x;\n//# sourceMappingURL=../maps/app.js.map', path.join(dir, 'out', 'app.js'));
    expect(map).toEqual({ lines: [[0, 0, 0, 0]], sources: [path.join(dir, 'maps', 'root', '..', 'src', 'app.ts')] });
  });

  it('nothing when the code names no map; only a comment at the end counts', () => {
    expect(loadSourceMap('x;\n', '/app.js')).toBeUndefined();
    expect(findSourceMapUrl('//# sourceMappingURL=a.map\nmore();\n')).toBeUndefined();
    expect(findSourceMapUrl('more();\n//# sourceMappingURL=a.map\n\n')).toBe('a.map');
    expect(findSourceMapUrl('more();\n//@ sourceMappingURL=b.map')).toBe('b.map');
  });

  it('an Error with one line for a map that is missing, not JSON, an index map, or without mappings', () => {
    const file = path.join(dir, 'app.js');
    const message = (code: string): string => (loadSourceMap(code, file) as Error).message;
    expect(message('//# sourceMappingURL=gone.map')).toBe(`${file}: its source map gone.map cannot be read: ENOENT: no such file or directory, open '${path.join(dir, 'gone.map')}'`);
    expect(message('//# sourceMappingURL=data:application/json,{oops')).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: its source map is not valid: .*JSON`));
    expect(message(`//# sourceMappingURL=data:application/json,${encodeURIComponent(JSON.stringify({ version: 3, sections: [] }))}`)).toBe(
      `${file}: its source map is an index map (sections), which leakproof does not read`,
    );
    expect(message(`//# sourceMappingURL=data:application/json,${encodeURIComponent(JSON.stringify({ version: 3 }))}`)).toBe(`${file}: its source map has no sources or mappings`);
    expect(message(`//# sourceMappingURL=data:application/json,${encodeURIComponent('{"version":3,"sources":[],"mappings":"A!"}')}`)).toBe(
      `${file}: its source map is not valid: '!' is not a Base64 digit`,
    );
  });
});
