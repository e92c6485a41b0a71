import { ErrorNotice } from '@simplebank/ui';
import type { useCancelOrder } from '../hooks/useCancelOrder.ts';

/** Why a cancel was refused (the order executed meanwhile, the service is down). */
export function CancelNotice({ cancel }: { cancel: ReturnType<typeof useCancelOrder> }) {
  if (!cancel.isError) return null;
  return <ErrorNotice title="The order could not be cancelled." error={cancel.error} />;
}
