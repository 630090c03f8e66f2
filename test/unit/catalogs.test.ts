import { describe, expect, it } from 'vitest';
import { lintCatalogs } from '../helpers/lint-catalogs';

describe('message catalogs', () => {
  it('have the same keys in Vietnamese and English, none empty', async () => {
    expect(await lintCatalogs()).toEqual([]);
  });
});
