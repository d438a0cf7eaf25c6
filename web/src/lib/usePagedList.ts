// Server-side paged lists (household search, warnings, audit): the page and its size, the rows
// and total of the page shown, loading and error state, and load(), which asks
// `fetchPage(offset, limit)` for the current page.
import { ref, type Ref } from 'vue';
import { ApiError, type ListPage } from '../api';

// The message to show for a failed request: the server's, else the error's text.
export const errorMessage = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));

export function usePagedList<T, R extends ListPage<T> = ListPage<T>>(
  fetchPage: (offset: number, limit: number) => Promise<R>,
  initial: { page?: number; size?: number } = {},
) {
  const page = ref(initial.page ?? 1);
  const size = ref(initial.size ?? 20);
  const rows = ref([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = ref('');

  // Loads the current page; returns the whole response (null on failure, with `error` set).
  async function load(): Promise<R | null> {
    loading.value = true;
    error.value = '';
    try {
      const res = await fetchPage((page.value - 1) * size.value, size.value);
      rows.value = res.items;
      total.value = res.total;
      return res;
    } catch (e) {
      error.value = errorMessage(e);
      return null;
    } finally {
      loading.value = false;
    }
  }

  return { page, size, rows, total, loading, error, load };
}
