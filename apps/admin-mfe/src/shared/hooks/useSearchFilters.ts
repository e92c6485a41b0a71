import { useCallback, useMemo } from 'react';
import { useSearchParams } from '@simplebank/platform';

/**
 * A screen's filters kept in the URL's query string, so a filtered list can be bookmarked, shared
 * and reached from another screen (customers → their orders). Empty values are dropped.
 */
export function useSearchFilters<K extends string>(
  keys: readonly K[],
): [Partial<Record<K, string>>, (next: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const serialized = params.toString();
  const filters = useMemo(() => {
    const current = new URLSearchParams(serialized);
    const out: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = current.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [serialized, keys]);
  const setFilters = useCallback(
    (next: Partial<Record<K, string>>) => {
      const out = new URLSearchParams();
      for (const [key, value] of Object.entries(next))
        if (typeof value === 'string' && value) out.set(key, value);
      setParams(out);
    },
    [setParams],
  );
  return [filters, setFilters];
}
