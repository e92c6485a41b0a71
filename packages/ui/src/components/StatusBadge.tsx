import type { ReactNode } from 'react';

export type Tone = 'info' | 'success' | 'warning' | 'danger' | 'neutral';

/**
 * The tone of every status the product shows: orders (the saga's steps), strategies,
 * investments and fragment deployments. Unknown statuses fall back to neutral so a status added
 * by the backend still renders.
 */
const STATUS_TONES: Record<string, Tone> = {
  // orders
  pending: 'info',
  reserved: 'info',
  placed: 'info',
  cancelling: 'warning',
  completed: 'success',
  rejected: 'danger',
  failed: 'danger',
  expired: 'neutral',
  cancelled: 'neutral',
  // strategies
  draft: 'warning',
  published: 'success',
  retired: 'neutral',
  // investments
  investing: 'info',
  partially_completed: 'warning',
  'partially completed': 'warning',
  // deployments
  active: 'success',
  canary: 'warning',
};

export function statusTone(status: string): Tone {
  return STATUS_TONES[status.toLowerCase()] ?? 'neutral';
}

/** "partially_completed" → "Partially completed" */
export function statusLabel(status: string): string {
  const words = status.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`sb-badge sb-tone--${tone}`}>{children}</span>;
}

/**
 * A status as text with a coloured pill. The colour only repeats what the word says, so the
 * status reads the same without colour.
 */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <Badge tone={statusTone(status)}>{label ?? statusLabel(status)}</Badge>;
}
