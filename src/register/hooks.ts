import { fileURLToPath } from 'node:url';
import { shouldInstrument, transform } from './transform';

/**
 * ES module load hook, for `module.register` (Node 20 and 22 before 22.15: the hooks run on a
 * separate thread) and `module.registerHooks` (22.15+, 23.5+: in the thread, also for `require`).
 * It instruments the source the rest of the chain produced, so code a TypeScript loader compiled is
 * instrumented as JavaScript, with its inline source map. CommonJS reaches it with a source only
 * through `registerHooks`; under `module.register` (source null) the compile wrap in index.ts does it.
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

/** The loaded module, instrumented when it is JavaScript of the user's own from a file. */
export function instrumentLoaded(url: string, result: LoadResult): LoadResult {
  if ((result.format !== 'module' && result.format !== 'commonjs') || !url.startsWith('file:')) return result;
  const code = sourceText(result.source);
  if (code === undefined) return result;
  let file: string;
  try {
    file = fileURLToPath(url);
  } catch {
    return result; // a file: URL Node loaded but this platform cannot name: left alone
  }
  if (!shouldInstrument(file)) return result;
  return { ...result, source: transform(code, file, result.format) };
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  // Under module.register, CommonJS is instrumented by the compile wrap (index.ts), never twice.
  if (result.format === 'commonjs') return result;
  return instrumentLoaded(url, result);
}
