/**
 * Where the built front ends live. Its own module so the app factory and the
 * public page routes both read it without importing each other.
 */
import path from 'node:path';

export const DIST_DIR = path.resolve(import.meta.dirname, '..', 'dist');
