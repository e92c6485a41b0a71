import * as AlertDialogPrimitive from '@radix-ui/react-alert-dialog';
import * as DialogPrimitive from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';
import { Button } from './Button.tsx';

// Radix's primitives do what a modal must (focus moved in and kept there, Escape closes, focus
// returned to the control that opened it, the rest of the page inert for assistive technology);
// these wrappers only give them the design system's look and a fixed shape: a title, a
// description, a body, and the actions in a row at the end.

/**
 * Radix gives focus back to its own Trigger; these dialogs are opened by any control (a row's
 * button, a form's submit), so the element focused when the dialog opened gets it back instead.
 */
function useFocusReturn() {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      if (!opener.current?.isConnected) return;
      event.preventDefault();
      opener.current.focus();
    },
  };
}

export interface DialogProps {
  open: boolean;
  /** Called with false on Escape, a click outside or a Cancel/Edit action. */
  onOpenChange: (open: boolean) => void;
  /** The dialog's accessible name. */
  title: ReactNode;
  /** Read with the title when the dialog opens (its accessible description). */
  description?: ReactNode;
  children?: ReactNode;
  /** The buttons at the end: the first is the one the user most likely wants. */
  actions: ReactNode;
}

/** A modal dialog (role="dialog") for a step the user reviews before going on: an order's review. */
export function Dialog({ open, onOpenChange, title, description, children, actions }: DialogProps) {
  const focusReturn = useFocusReturn();
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="sb-dialog-overlay" />
        <DialogPrimitive.Content
          className="sb-dialog"
          {...focusReturn}
          // Without a description Radix warns; undefined tells it there is none on purpose.
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <DialogPrimitive.Title className="sb-dialog__title">{title}</DialogPrimitive.Title>
          {description && (
            <DialogPrimitive.Description className="sb-dialog__description">
              {description}
            </DialogPrimitive.Description>
          )}
          {children}
          <div className="sb-dialog__actions">{actions}</div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** What will happen, in the user's words: read at once by screen readers (role="alertdialog"). */
  description: ReactNode;
  /** More detail under the description (figures, consequences). */
  children?: ReactNode;
  /** The command's name on its button: "Retire strategy", not "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  /** Red confirm button for what cannot be undone. */
  tone?: 'danger' | 'primary';
  /** The command is in flight: the confirm button spins and cannot be pressed twice. */
  busy?: boolean;
}

/**
 * Asks before a destructive or far-reaching command (role="alertdialog"). Focus starts on Cancel,
 * so Enter pressed by habit does not run the command; the dialog stays open until the caller closes
 * it (after the command succeeded, or with its error shown inside).
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  tone = 'danger',
  busy = false,
}: ConfirmDialogProps) {
  const focusReturn = useFocusReturn();
  return (
    <AlertDialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="sb-dialog-overlay" />
        <AlertDialogPrimitive.Content className="sb-dialog" {...focusReturn}>
          <AlertDialogPrimitive.Title className="sb-dialog__title">{title}</AlertDialogPrimitive.Title>
          <AlertDialogPrimitive.Description className="sb-dialog__description">
            {description}
          </AlertDialogPrimitive.Description>
          {children}
          <div className="sb-dialog__actions">
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="secondary">{cancelLabel}</Button>
            </AlertDialogPrimitive.Cancel>
            {/* Not AlertDialog.Action: that one closes the dialog before the command has answered. */}
            <Button variant={tone} busy={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
