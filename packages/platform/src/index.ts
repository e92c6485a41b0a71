export { PLATFORM_CONTRACT_VERSION } from './contract-version.ts';
export type { Role, SessionUser, Session, FragmentProps } from './session.ts';
export {
  createApiClient,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  type ApiClient,
  type ApiClientOptions,
} from './api-client.ts';
export { createQueryClient } from './query-client.ts';
export { ApiError, unwrap, isForbidden, type FieldProblem } from './api-error.ts';
export type { RealtimeClient, ConnectionState, RealtimeHandler } from './realtime/types.ts';
export {
  createSocketRealtime,
  REALTIME_PATH,
  type SocketRealtimeOptions,
} from './realtime/socket-realtime.ts';
export { createMemoryRealtime, type MemoryRealtime } from './realtime/memory-realtime.ts';
export { createStaticFlags, type FlagSource } from './flags.ts';
export {
  createEventChannel,
  type EventChannel,
  type PlatformEvents,
  type PlatformEventHandler,
} from './events.ts';
export { PlatformProvider, type PlatformProviderProps } from './PlatformProvider.tsx';
export {
  useSession,
  useHasRole,
  useApi,
  usePlatformQueryClient,
  useRealtime,
  useConnectionState,
  useFlag,
  useEvents,
  useNavigate,
} from './hooks.ts';
export { useResync } from './use-resync.ts';
export {
  useLiveQueryOptions,
  usePollingWhileOffline,
  pollingDelay,
  POLL_FIRST_MS,
  POLL_MAX_MS,
  LIVE_UPDATES_PAUSED,
} from './live-query.ts';
export * from './routing.ts';
