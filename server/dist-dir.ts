/**
 * Where the built front ends live. Its own module so the app factory and the
 * public page routes both read it without importing each other. From the
 * project root, not this module's folder: the same path in the sources and in
 * the compiled server (see project-root.ts).
 */
import { fromRoot } from './project-root';

export const DIST_DIR = fromRoot('dist');
