import { useCallback } from 'react';
import { useSearchParams } from '@simplebank/platform';

/**
 * The asset the trade screen is about (`?asset=<id>`): the watchlist selects it, the chart and the
 * quote show it, the ticket trades it. In the address so a reload or a shared link keeps it; an
 * empty string while none is chosen.
 */
export function useSelectedAsset() {
  const [params, setParams] = useSearchParams();
  const assetId = params.get('asset') ?? '';
  const select = useCallback(
    (id: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (id) next.set('asset', id);
          else next.delete('asset');
          return next;
        },
        // Choosing an asset is not a page of its own: Back leaves the trade screen.
        { replace: true },
      ),
    [setParams],
  );
  return { assetId, select };
}
