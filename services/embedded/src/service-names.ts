export const SERVICE_NAMES = ['orders', 'accounts', 'market', 'strategies'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
