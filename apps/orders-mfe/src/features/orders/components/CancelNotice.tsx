import { ConfirmDialog, ErrorNotice, Notice } from '@simplebank/ui';
import type { useConfirmedCancel } from '../hooks/useConfirmedCancel.ts';

type ConfirmedCancel = ReturnType<typeof useConfirmedCancel>;

/** The question before a cancel: what stops and what comes back. */
export function CancelOrderDialog({ flow }: { flow: ConfirmedCancel }) {
  return (
    <ConfirmDialog
      open={flow.asked !== null}
      onOpenChange={(open) => !open && flow.dismiss()}
      title={`Cancel ${flow.askedDescription}?`}
      description="The order stops unless the market fills it first, and the cash or assets it holds are released. A cancelled order cannot be reopened: you would place a new one."
      confirmLabel="Cancel order"
      cancelLabel="Keep order"
      onConfirm={flow.confirm}
    />
  );
}

/** After a cancel: that it was accepted, or why it was refused (it executed meanwhile, the service is down). */
export function CancelNotice({ flow }: { flow: ConfirmedCancel }) {
  const { cancel } = flow;
  if (cancel.isError) return <ErrorNotice title="The order could not be cancelled." error={cancel.error} />;
  if (cancel.isSuccess)
    return (
      <Notice tone="success" title={`${flow.lastDescription}: cancel accepted.`}>
        Its row shows when the market has stopped it.
      </Notice>
    );
  return null;
}
