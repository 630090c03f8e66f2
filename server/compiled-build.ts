/**
 * Where the compiled server lives and whether it is older than its sources.
 * Written by server/cli/build.ts, read by `npm start` (rebuild when stale)
 * and by the compiled server itself (a warning when it is run directly,
 * without the rebuild). No esbuild here: the compiled server imports this.
 *
 * "Stale" is decided from file times, cheaply (a stat per input, ~175 files and their ~15 folders):
 * the build records which files went into the bundle (esbuild's metafile) and
 * when it started; any of them changed since, removed, or a file added or
 * removed in one of their folders (a new module can change what an import
 * resolves to), and the build is stale. `git pull` / `git checkout` write the
 * files they change, so their times move past the build's.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromRoot, PROJECT_ROOT } from './project-root';

/** Git-ignored (dist/). The bundle's entry is start.js. */
export const SERVER_BUILD_DIR = fromRoot('dist', 'server');
export const SERVER_ENTRY = 'start.js';
export const BUILD_INFO_FILE = 'build-info.json';

export interface BuildInfo {
  /** Date.now() when the build began: a source saved during the build counts as newer. */
  startedAt: number;
  /** Paths relative to `root` (the project root when omitted): sources bundled, plus the build's own config files. */
  inputs: string[];
  root?: string;
}

/** Why the build in `dir` must be redone, or null when it is current. */
export function staleReason(dir: string = SERVER_BUILD_DIR): string | null {
  let info: BuildInfo;
  try {
    info = JSON.parse(readFileSync(path.join(dir, BUILD_INFO_FILE), 'utf8')) as BuildInfo;
    statSync(path.join(dir, SERVER_ENTRY));
  } catch {
    return 'no compiled server yet';
  }
  const root = info.root ?? PROJECT_ROOT;
  const folders = new Set<string>();
  for (const input of info.inputs) {
    const changed = newerThan(path.join(root, input), info.startedAt);
    if (changed) return `${input} ${changed}`;
    // Not the root folder: it changes whenever data/, dist/ or a log file appears, sources or not.
    if (path.dirname(input) !== '.') folders.add(path.dirname(input));
  }
  for (const folder of folders) {
    const changed = newerThan(path.join(root, folder), info.startedAt);
    if (changed) return `${folder}/ changed (a file added, removed or replaced)`;
  }
  return null;
}

function newerThan(file: string, time: number): string | null {
  try {
    return statSync(file).mtimeMs > time ? 'changed' : null;
  } catch {
    return 'was removed';
  }
}
