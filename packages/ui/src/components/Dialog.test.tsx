import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './Button.tsx';
import { ConfirmDialog, Dialog } from './Dialog.tsx';

function ReviewHarness({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Place order</Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Review your order"
        description="Nothing is sent until you confirm."
        actions={
          <>
            <Button onClick={onConfirm}>Confirm order</Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Edit order
            </Button>
          </>
        }
      />
    </>
  );
}

describe('Dialog', () => {
  it('is a labelled dialog that takes focus and gives it back on Escape', async () => {
    const onConfirm = vi.fn();
    render(<ReviewHarness onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Place order' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Review your order' });
    expect(dialog).toHaveAccessibleDescription('Nothing is sent until you confirm.');
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(opener).toHaveFocus());
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe('ConfirmDialog', () => {
  it('is an alertdialog that starts on Cancel and runs the command only when confirmed', () => {
    const onConfirm = vi.fn();
    const onOpenChange = vi.fn();
    render(
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        title="Retire Balanced Growth?"
        description="Customers can no longer invest in it."
        confirmLabel="Retire strategy"
        onConfirm={onConfirm}
      />,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Retire Balanced Growth?' });
    expect(dialog).toHaveAccessibleDescription('Customers can no longer invest in it.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Retire strategy' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('blocks a second confirm while the command is in flight', () => {
    render(
      <ConfirmDialog
        open
        onOpenChange={() => {}}
        title="Cancel order?"
        description="The order stops."
        confirmLabel="Cancel order"
        onConfirm={() => {}}
        busy
      />,
    );
    expect(screen.getByRole('button', { name: 'Cancel order' })).toBeDisabled();
  });
});
