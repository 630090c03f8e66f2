import { describe, expect, it } from 'vitest';
import { nextSort, sortFromParams, sortRows, sortToParams } from '../../admin/src/ui/table-sort';

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('data table sorting', () => {
  it('orders names by the Vietnamese alphabet: Đ after D, tones after the bare letter', () => {
    const rows = ['Đào', 'Dung', 'Bảo', 'Ánh', 'An', 'Ân'].map((name) => ({ name }));
    expect(names(sortRows(rows, (r) => r.name, 'asc', 'vi'))).toEqual(['An', 'Ánh', 'Ân', 'Bảo', 'Dung', 'Đào']);
  });

  it('orders numbers inside names as numbers (Quầy 2 before Quầy 10)', () => {
    const rows = ['Quầy 10', 'Quầy 2', 'Quầy 1'].map((name) => ({ name }));
    expect(names(sortRows(rows, (r) => r.name, 'asc', 'vi'))).toEqual(['Quầy 1', 'Quầy 2', 'Quầy 10']);
  });

  it('sorts numeric columns as numbers in both directions', () => {
    const rows = [{ n: 9 }, { n: 10 }, { n: 100 }, { n: 0.5 }];
    expect(sortRows(rows, (r) => r.n, 'asc').map((r) => r.n)).toEqual([0.5, 9, 10, 100]);
    expect(sortRows(rows, (r) => r.n, 'desc').map((r) => r.n)).toEqual([100, 10, 9, 0.5]);
  });

  it('puts missing values (no rate yet) last whichever the direction', () => {
    const rows = [{ id: 'a', rate: null }, { id: 'b', rate: 0.9 }, { id: 'c', rate: undefined }, { id: 'd', rate: 0.7 }];
    expect(sortRows(rows, (r) => r.rate, 'asc').map((r) => r.id)).toEqual(['d', 'b', 'a', 'c']);
    expect(sortRows(rows, (r) => r.rate, 'desc').map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('keeps the given order for ties and does not change its input', () => {
    const rows = [{ id: 1, v: 'x' }, { id: 2, v: 'X' }, { id: 3, v: 'a' }, { id: 4, v: 'x' }];
    const copy = [...rows];
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.id)).toEqual([3, 1, 2, 4]);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.id)).toEqual([1, 2, 4, 3]);
    expect(rows).toEqual(copy);
  });

  it('starts a new column in its first direction and turns the same column round', () => {
    expect(nextSort(null, 'n', 'desc')).toEqual({ column: 'n', dir: 'desc' });
    expect(nextSort({ column: 'n', dir: 'desc' }, 'n')).toEqual({ column: 'n', dir: 'asc' });
    expect(nextSort({ column: 'n', dir: 'asc' }, 'name')).toEqual({ column: 'name', dir: 'asc' });
  });

  it('reads the sort from the address only for a sortable column', () => {
    const cols = ['counter', 'today-n'];
    expect(sortFromParams({ sort: 'today-n', dir: 'desc' }, cols)).toEqual({ column: 'today-n', dir: 'desc' });
    expect(sortFromParams({ sort: 'today-n' }, cols)).toEqual({ column: 'today-n', dir: 'asc' });
    expect(sortFromParams({ sort: 'secret' }, cols)).toBeNull();
    expect(sortToParams({ column: 'counter', dir: 'asc' })).toEqual({ sort: 'counter', dir: 'asc' });
    expect(sortToParams(null)).toEqual({ sort: undefined, dir: undefined });
  });
});
