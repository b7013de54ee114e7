import * as path from 'node:path';
import type * as ts from 'typescript';
import { fileStamp } from './file-stamp';

/** Projects whose parsed files a long-lived process keeps (the least recently used go first). */
const KEPT_PROJECTS = 4;

interface KeptFile {
  /** The file's on-disk stamp when it was read: modification and change times in nanoseconds, size, inode. */
  stamp: string;
  file: ts.SourceFile;
}

interface ProjectState {
  files: Map<string, KeptFile>;
  last?: ts.Program;
}

/** Dependencies (and TypeScript's lib files) are compared by stamp alone; the project's own files by text too. */
function isDependency(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

/** The compiler options as a key, without the tsconfig's own syntax tree that TypeScript attaches to them. */
function optionsKey(options: ts.CompilerOptions): string {
  return JSON.stringify(options, (key, value: unknown) => (key === 'configFile' ? undefined : value));
}

/**
 * What a long-lived process (`leakproof daemon`) keeps between runs so that a few staged files' program
 * costs a fraction of building it: per tsconfig and compiler options, every source file parsed so far
 * (TypeScript's lib and `@types` files are most of a staged file's program) and the last program, whose
 * structure TypeScript reuses. typescript-eslint, given a program, never asks whether its files changed;
 * so each build asks the disk: a file is parsed again when its stamp (modification and change times in
 * nanoseconds, size, inode) differs, and a file of the project itself (outside `node_modules`) also when
 * its text does, for file systems with coarse times. Module resolution is redone at every build (it is
 * cheap next to parsing), so that a file created since the last run is found by the imports that name it.
 */
export class WarmPrograms {
  private readonly projects = new Map<string, ProjectState>();

  /**
   * Makes `host` answer from the kept files of `config` under `options` and returns the program to pass
   * as `oldProgram`; `keep` then records the program built.
   */
  prepare(config: string, options: ts.CompilerOptions, host: ts.CompilerHost): { oldProgram?: ts.Program; keep: (program: ts.Program) => void } {
    const key = `${path.resolve(config)}\0${optionsKey(options)}`;
    const state = this.projects.get(key) ?? { files: new Map<string, KeptFile>() };
    // Least recently used last out: re-inserting moves the project to the end.
    this.projects.delete(key);
    this.projects.set(key, state);
    while (this.projects.size > KEPT_PROJECTS) this.projects.delete(this.projects.keys().next().value as string);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
      const format = typeof languageVersionOrOptions === 'object' ? `${languageVersionOrOptions.languageVersion}:${languageVersionOrOptions.impliedNodeFormat}` : `${languageVersionOrOptions}`;
      const fileKey = `${path.resolve(fileName)}\0${format}`;
      // Stamped before reading: a write after this point changes the stamp, so the next build reads it again.
      const stamp = fileStamp(fileName);
      const kept = state.files.get(fileKey);
      if (kept && stamp !== undefined && kept.stamp === stamp && !shouldCreateNewSourceFile && (isDependency(fileName) || host.readFile(fileName) === kept.file.text)) {
        return kept.file;
      }
      const file = read(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
      if (file && stamp !== undefined) state.files.set(fileKey, { stamp, file });
      else state.files.delete(fileKey);
      return file;
    };
    host.hasInvalidatedResolutions = () => true;
    return {
      oldProgram: state.last,
      keep: (program) => {
        state.last = program;
      },
    };
  }

  /** How many projects and parsed files are kept (`leakproof daemon status`). */
  size(): { projects: number; files: number } {
    let files = 0;
    for (const state of this.projects.values()) files += state.files.size;
    return { projects: this.projects.size, files };
  }
}
