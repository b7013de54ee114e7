import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';
import type { WarmPrograms } from './warm-programs';

export interface FileGroups {
  /** Files a tsconfig covers, by the tsconfig that covers them (linted with type information). */
  typed: Map<string, string[]>;
  /** Files no tsconfig covers (linted without type information). */
  untyped: string[];
  /**
   * tsconfigs TypeScript cannot load (an `extends` package that is not installed, an unknown option),
   * with TypeScript's first complaint: their files are linted without type information instead of each
   * failing to parse.
   */
  broken: Map<string, { reason: string; files: number }>;
  /** How many files each typed tsconfig lists (whether linted or not). */
  projectSizes: Map<string, number>;
  /** Every tsconfig read, and the files they extend. */
  configFiles: string[];
}

// "No inputs were found in config file": the project covers none of the files, which is not an error here.
const NO_INPUTS = 18003;

/**
 * Splits files by whether a tsconfig.json covers them: the nearest tsconfig.json above each file is
 * parsed once (TypeScript's own reading of `include`/`files`/`exclude`), and a file is typed only if
 * that project lists it. Unreadable or broken tsconfigs leave their files untyped.
 */
export function groupByProject(files: readonly string[], loadTypeScript: () => typeof ts | undefined): FileGroups {
  const typed = new Map<string, string[]>();
  const untyped: string[] = [];
  const nearest = new Map<string, string | null>();
  const projectFiles = new Map<string, Set<string> | null>();
  const broken = new Map<string, { reason: string; files: number }>();
  const configFiles = new Set<string>();
  // Loaded only when a tsconfig is found: plain JavaScript projects never pay for TypeScript.
  let tsApi: typeof ts | undefined | null = null;

  const findConfig = (dir: string): string | null => {
    const cached = nearest.get(dir);
    if (cached !== undefined) return cached;
    const candidate = path.join(dir, 'tsconfig.json');
    let found: string | null;
    if (fs.existsSync(candidate)) found = candidate;
    else {
      const parent = path.dirname(dir);
      found = parent === dir || path.basename(dir) === 'node_modules' ? null : findConfig(parent);
    }
    nearest.set(dir, found);
    return found;
  };

  const filesOf = (config: string): Set<string> | null => {
    const cached = projectFiles.get(config);
    if (cached !== undefined) return cached;
    let result: Set<string> | null = null;
    configFiles.add(config);
    if (tsApi === null) tsApi = loadTypeScript();
    const api = tsApi;
    if (api) {
      try {
        const parsed = api.getParsedCommandLineOfConfigFile(config, {}, {
          ...api.sys,
          onUnRecoverableConfigFileDiagnostic: () => undefined,
        });
        // typescript-eslint refuses every file of a project whose config has an error.
        const error = parsed?.errors.find((diagnostic) => diagnostic.category === api.DiagnosticCategory.Error && diagnostic.code !== NO_INPUTS);
        const source = parsed?.options.configFile as ts.TsConfigSourceFile | undefined;
        for (const extended of source?.extendedSourceFiles ?? []) configFiles.add(path.resolve(extended));
        if (error) broken.set(config, { reason: api.flattenDiagnosticMessageText(error.messageText, ' ').replace(/\.$/, ''), files: 0 });
        else if (parsed) result = new Set(parsed.fileNames.map((file) => path.resolve(file)));
      } catch (error) {
        broken.set(config, { reason: error instanceof Error ? error.message : String(error), files: 0 });
        result = null;
      }
    }
    projectFiles.set(config, result);
    return result;
  };

  for (const file of files) {
    const config = findConfig(path.dirname(file));
    const covered = config ? filesOf(config) : null;
    if (config && covered?.has(path.resolve(file))) {
      const list = typed.get(config) ?? [];
      list.push(file);
      typed.set(config, list);
    } else {
      untyped.push(file);
      const problem = config ? broken.get(config) : undefined;
      if (problem) problem.files++;
    }
  }
  const projectSizes = new Map<string, number>();
  for (const config of typed.keys()) projectSizes.set(config, projectFiles.get(config)?.size ?? 0);
  return { typed, untyped, broken, projectSizes, configFiles: [...configFiles] };
}

/**
 * A TypeScript program for a few files of a project (a pre-commit hook's staged files): the files
 * themselves, what they import, and every declaration file the project lists (global augmentations),
 * under the project's compiler options. Their types are those of the whole project's program except for
 * globals declared in a `.ts` module none of them imports; building it costs a fraction of the whole
 * project's program (2 s against 11 s for one file of a 2,000-file project). Undefined when the
 * tsconfig cannot be read. With `warm` (a long-lived process), files parsed by an earlier run and
 * unchanged on disk are not parsed again.
 */
export function createPartialProgram(config: string, files: readonly string[], tsApi: typeof ts, warm?: WarmPrograms): ts.Program | undefined {
  try {
    const parsed = tsApi.getParsedCommandLineOfConfigFile(config, {}, { ...tsApi.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!parsed) return undefined;
    const declarations = parsed.fileNames.filter((file) => /\.d\.[cm]?ts$/.test(file));
    const options = { ...parsed.options, noEmit: true };
    const host = tsApi.createCompilerHost(options, true);
    // JSDoc gives types only in JavaScript files; TypeScript's lib and @types files then parse without
    // it (about 15% of building this program: 164 lib and @types/node files for one staged file).
    if (tsApi.JSDocParsingMode) host.jsDocParsingMode = tsApi.JSDocParsingMode.ParseForTypeErrors;
    const reuse = warm?.prepare(config, options, host);
    const program = tsApi.createProgram({
      rootNames: [...new Set([...files, ...declarations])],
      options,
      host,
      oldProgram: reuse?.oldProgram,
      projectReferences: parsed.projectReferences,
    });
    reuse?.keep(program);
    return program;
  } catch {
    return undefined;
  }
}

/** Projects up to this many source files are parsed whole ahead of a daemon's first run; larger ones, one file. */
const WARM_WHOLE_LIMIT = 2000;

/**
 * Parses into `warm` every file of `config`'s project (its first file and what it imports, past
 * WARM_WHOLE_LIMIT files), TypeScript's lib and `@types` files, and binds them (the checker binds each
 * file once; later programs reuse the bound files), then type-checks one file so that the checker's
 * code is compiled: what a long-lived process does before its first run. Returns the project's first
 * source file, or undefined when the tsconfig cannot be read or lists none.
 */
export function warmPartialProgram(config: string, tsApi: typeof ts, warm: WarmPrograms): string | undefined {
  const parsed = tsApi.getParsedCommandLineOfConfigFile(config, {}, { ...tsApi.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const sources = parsed?.fileNames.filter((file) => !/\.d\.[cm]?ts$/.test(file)) ?? [];
  const program = createPartialProgram(config, sources.length > WARM_WHOLE_LIMIT ? sources.slice(0, 1) : sources, tsApi, warm);
  const first = sources[0] === undefined ? undefined : program?.getSourceFile(sources[0]);
  if (!program || !first) return undefined;
  program.getSemanticDiagnostics(first);
  return path.resolve(first.fileName);
}

/**
 * `program` with `text` as `file`'s text, its other files reused (TypeScript's structure reuse): a fix
 * pass's parse must see the fixed text. typescript-eslint takes a given program's tree of the file as
 * it is, so a tree of the text before the fix would put the next pass's findings and fixes at offsets
 * of the old text (and garble the file).
 */
export function programWithText(program: ts.Program, file: string, text: string, tsApi: typeof ts): ts.Program {
  const options = program.getCompilerOptions();
  const host = tsApi.createCompilerHost(options, true);
  if (tsApi.JSDocParsingMode) host.jsDocParsingMode = tsApi.JSDocParsingMode.ParseForTypeErrors;
  const target = path.resolve(file);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    path.resolve(name) === target ? tsApi.createSourceFile(name, text, languageVersion, true) : (program.getSourceFile(name) ?? readSourceFile(name, languageVersion, onError, shouldCreate));
  return tsApi.createProgram({ rootNames: program.getRootFileNames(), options, host, oldProgram: program, projectReferences: program.getProjectReferences() });
}
