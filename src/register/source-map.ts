import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf } from './message';

/**
 * Just enough of Source Map v3 (https://tc39.es/ecma426/) to turn a generated line and column into the
 * original file, line and column: the `sourceMappingURL` comment (a `data:` URL or a file next to the
 * code), the JSON, and the Base64 VLQ `mappings`. Index maps (`sections`) are not read.
 */

export interface OriginalPosition {
  file: string;
  /** 1-based, as V8 and the linter count. */
  line: number;
  column: number;
}

export interface SourceMap {
  /** Per generated line (0-based): [generated column, source index, original line, original column]... flat, by column. */
  lines: number[][];
  sources: string[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/**
 * Decodes `mappings`: `;` ends a generated line, `,` ends a segment, each segment is 1, 4 or 5 VLQ
 * numbers relative to the previous segment's (the generated column restarts at 0 on each line).
 * Segments of 1 field (generated code with no original) are dropped.
 */
export function decodeMappings(mappings: string): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  let column = 0;
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  const fields = [0, 0, 0, 0, 0];
  let count = 0;
  let value = 0;
  let shift = 0;
  const endSegment = (): void => {
    if (shift !== 0) throw new Error('a VLQ number is cut off');
    if (count === 0) return;
    column += fields[0]!;
    if (count >= 4) {
      source += fields[1]!;
      originalLine += fields[2]!;
      originalColumn += fields[3]!;
      line.push(column, source, originalLine, originalColumn);
    } else if (count !== 1) {
      throw new Error(`a segment has ${count} fields`);
    }
    count = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const code = i < mappings.length ? mappings.charCodeAt(i) : 59; // a final ';'
    if (code === 44 /* , */ || code === 59 /* ; */) {
      endSegment();
      if (code === 59) {
        if (i < mappings.length || line.length > 0) lines.push(line);
        line = [];
        column = 0;
      }
      continue;
    }
    const digit = code < 128 ? DIGIT[code]! : -1;
    if (digit < 0) throw new Error(`'${mappings[i]}' is not a Base64 digit`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    if (count >= 5) throw new Error('a segment has more than 5 fields');
    fields[count++] = value % 2 === 1 ? -(value - 1) / 2 : value / 2;
    value = 0;
    shift = 0;
  }
  // Segments are usually in column order; sort the lines that are not.
  for (const segments of lines) {
    for (let i = 4; i < segments.length; i += 4) {
      if (segments[i]! < segments[i - 4]!) {
        const groups: number[][] = [];
        for (let j = 0; j < segments.length; j += 4) groups.push(segments.slice(j, j + 4));
        groups.sort((a, b) => a[0]! - b[0]!);
        segments.length = 0;
        for (const group of groups) segments.push(...group);
        break;
      }
    }
  }
  return lines;
}

const COMMENT = /(?:^|\n)[ \t]*\/\/[#@][ \t]+sourceMappingURL=([^\s'"]+)[ \t]*\r?\n?[\s]*$/;

/** The URL of the last `//# sourceMappingURL=` comment, if the code ends with one. */
export function findSourceMapUrl(code: string): string | undefined {
  // Only the tail: the comment is the code's last line (or followed by blank lines).
  const tail = code.length > 4096 ? code.slice(code.lastIndexOf('\n', code.length - 4096) + 1) : code;
  const match = COMMENT.exec(tail);
  return match?.[1];
}

function toPath(file: string): string {
  return file.startsWith('file:') ? fileURLToPath(file) : file;
}

/**
 * The source map of `code`, loaded from `file` (a path): from a `data:` URL, or a file relative to
 * `file`'s folder. Undefined when the code names no map; an Error with one line when it names one that
 * cannot be read or parsed.
 */
export function loadSourceMap(code: string, file: string): SourceMap | Error | undefined {
  const url = findSourceMapUrl(code);
  if (url === undefined) return undefined;
  let text: string;
  let mapFile: string;
  try {
    if (url.startsWith('data:')) {
      const comma = url.indexOf(',');
      if (comma < 0) return new Error(`${file}: its inline source map is not a data: URL with a comma`);
      const meta = url.slice(5, comma);
      const body = url.slice(comma + 1);
      text = meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
      mapFile = file;
    } else {
      mapFile = path.resolve(path.dirname(file), toPath(decodeURIComponent(url)));
      text = fs.readFileSync(mapFile, 'utf8');
    }
  } catch (error) {
    return new Error(`${file}: its source map ${url.startsWith('data:') ? '(inline)' : url} cannot be read: ${messageOf(error)}`);
  }
  try {
    const json = JSON.parse(text) as { version?: unknown; sources?: unknown; sourceRoot?: unknown; mappings?: unknown; sections?: unknown };
    if (json.sections !== undefined) return new Error(`${file}: its source map is an index map (sections), which leakproof does not read`);
    if (!Array.isArray(json.sources) || typeof json.mappings !== 'string') return new Error(`${file}: its source map has no sources or mappings`);
    const root = typeof json.sourceRoot === 'string' ? json.sourceRoot : '';
    const dir = path.dirname(mapFile);
    const sources = json.sources.map((source: unknown) => {
      const name = typeof source === 'string' ? source : '';
      if (name.startsWith('file:')) return toPath(name);
      if (root.startsWith('file:')) return toPath(new URL(name, root.endsWith('/') ? root : `${root}/`).href);
      return path.resolve(dir, root, name);
    });
    return { lines: decodeMappings(json.mappings), sources };
  } catch (error) {
    return new Error(`${file}: its source map is not valid: ${messageOf(error)}`);
  }
}

/**
 * The original position of a generated one (1-based line and column): the segment at or before the
 * column on that line. Undefined when that line has no segment there.
 */
export function originalPosition(map: SourceMap, line: number, column: number): OriginalPosition | undefined {
  const segments = map.lines[line - 1];
  if (segments === undefined || segments.length === 0) return undefined;
  const column0 = column - 1;
  let found = -1;
  let low = 0;
  let high = segments.length / 4 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (segments[mid * 4]! <= column0) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return undefined;
  const file = map.sources[segments[found * 4 + 1]!];
  if (file === undefined) return undefined;
  return { file, line: segments[found * 4 + 2]! + 1, column: segments[found * 4 + 3]! + 1 };
}
