/** The stores' count columns: c1..c5 hold the 1s..5s, then na and n. */
import { describe, expect, it } from 'vitest';
import { COUNT_COLUMNS, aggregateRowOf, toCountColumns } from '../../server/store/count-columns';

describe('count columns', () => {
  it('are the stored names, scores first', () => {
    expect(COUNT_COLUMNS).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'na', 'n']);
  });

  it('put the 1s in c1 and the 5s in c5', () => {
    expect(toCountColumns({ c: [1, 2, 3, 4, 5], na: 6, n: 7 })).toEqual({ c1: 1, c2: 2, c3: 3, c4: 4, c5: 5, na: 6, n: 7 });
  });

  it('read back into the row of a metric unchanged', () => {
    const tally = { c: [9, 0, 0, -1, 3] as [number, number, number, number, number], na: 2, n: 1 };
    expect(aggregateRowOf('q:O', toCountColumns(tally))).toEqual({ metric: 'q:O', ...tally });
  });
});
