import {
  createStaticFlags,
  usePollingWhileOffline,
  type ApiClient,
  type RealtimeClient,
} from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

interface FlagSet {
  flags: Record<string, boolean>;
  version: number;
}

function isFlagSet(value: unknown): value is FlagSet {
  const v = value as Partial<FlagSet> | null;
  return !!v && typeof v.version === 'number' && typeof v.flags === 'object' && v.flags !== null;
}

/**
 * The page's feature flags: read from the BFF after login and kept current by the `flags`
 * realtime topic, or by asking the BFF every few seconds while that connection is down. Versions
 * guard against an older answer overwriting a newer push.
 */
export function useFlagsSource(api: ApiClient, realtime: RealtimeClient) {
  const [flags] = useState(() => createStaticFlags());
  const version = useRef(-1);

  const apply = useRef((set: FlagSet) => {
    if (set.version <= version.current) return;
    version.current = set.version;
    for (const [name, on] of Object.entries(set.flags)) flags.set(name, on);
  }).current;

  const refetchInterval = usePollingWhileOffline(realtime);
  const { data } = useQuery({
    queryKey: ['flags'],
    queryFn: async () => {
      const { data: set, response } = await api.GET('/api/flags');
      if (!set) throw new Error(`Flags answered ${response.status}`);
      return set;
    },
    refetchInterval,
  });
  useEffect(() => {
    if (data) apply(data);
  }, [data, apply]);
  useEffect(
    () => realtime.subscribe('flags', (message) => isFlagSet(message) && apply(message)),
    [realtime, apply],
  );

  return flags;
}
