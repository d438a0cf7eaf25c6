// usePagedList: the offset asked for each page, the state after success and after a failure.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { usePagedList } from '../lib/usePagedList';

describe('usePagedList', () => {
  it('asks for the offset of the current page and keeps its rows and total', async () => {
    const asked: [number, number][] = [];
    const list = usePagedList<number>(async (offset, limit) => {
      asked.push([offset, limit]);
      return { total: 95, offset, limit, items: [offset, offset + 1] };
    }, { page: 3, size: 20 });
    const res = await list.load();
    expect(asked).toEqual([[40, 20]]);
    expect(res?.total).toBe(95);
    expect(list.rows.value).toEqual([40, 41]);
    expect(list.total.value).toBe(95);
    expect(list.loading.value).toBe(false);
    expect(list.error.value).toBe('');
  });

  it('shows the server message of a failed request and keeps the previous rows', async () => {
    let fail = false;
    const list = usePagedList<number>(async (offset, limit) => {
      if (fail) throw new ApiError(403, 'PERMISSION_DENIED', 'outside your region');
      return { total: 1, offset, limit, items: [7] };
    });
    await list.load();
    fail = true;
    expect(await list.load()).toBeNull();
    expect(list.error.value).toBe('outside your region');
    expect(list.rows.value).toEqual([7]);
    expect(list.loading.value).toBe(false);
  });
});
