import { fileURLToPath } from 'node:url';
import { shouldInstrument, transform } from './transform';

/**
 * ES module load hook, for `module.register` (Node 20 and 22 before 22.15: the hooks run on a
 * separate thread) and `module.registerHooks` (22.15+, 23.5+: in the thread). It instruments the
 * source the rest of the chain produced, so code a TypeScript loader compiled is instrumented as
 * JavaScript, with its inline source map. CommonJS is left to the compile wrap in index.ts, which
 * sees every CommonJS module whichever way it is loaded, so nothing is instrumented twice.
 */

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}

type NextLoad = (url: string, context?: unknown) => LoadResult | Promise<LoadResult>;

function sourceText(source: LoadResult['source']): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof ArrayBuffer) return Buffer.from(source).toString('utf8');
  if (ArrayBuffer.isView(source)) return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('utf8');
  return undefined;
}

/** The loaded module, instrumented when it is an ES module of the user's own from a file. */
export function instrumentModule(url: string, result: LoadResult): LoadResult {
  if (result.format !== 'module' || !url.startsWith('file:')) return result;
  const code = sourceText(result.source);
  if (code === undefined) return result;
  let file: string;
  try {
    file = fileURLToPath(url);
  } catch {
    return result; // a file: URL Node loaded but this platform cannot name: left alone
  }
  if (!shouldInstrument(file)) return result;
  return { ...result, source: transform(code, file, 'module') };
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  return instrumentModule(url, await nextLoad(url, context));
}
