/**
 * The repository root: the nearest folder holding package.json, looked for
 * upward from this module. Paths the server reads at run time (package.json,
 * dist/, data files beside the sources) are taken from here rather than from
 * each module's own location, because the compiled server is one bundle in
 * dist/server/ (server/cli/build.ts) where every module's import.meta points
 * at the bundle, not at the source file — while this search finds the same
 * root from server/ and from dist/server/ alike.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}: the server must run from inside the project folder`);
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);

/** `parts` relative to the repository root, e.g. fromRoot('server', 'domain', 'common-passwords.txt'). */
export const fromRoot = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
