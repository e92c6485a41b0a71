import type { ReactNode } from 'react';
import type { Tone } from './StatusBadge.tsx';
import { Button } from './Button.tsx';

export interface NoticeProps {
  tone?: Exclude<Tone, 'neutral'>;
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link that resolves the notice (Retry, Go to trade). */
  action?: ReactNode;
}

/**
 * A message in the page. Errors are alerts (announced at once); everything else is a polite
 * status, so a notice that appears with data does not interrupt the user.
 */
export function Notice({ tone = 'info', title, children, action }: NoticeProps) {
  return (
    <div role={tone === 'danger' ? 'alert' : 'status'} className={`sb-notice sb-tone--${tone}`}>
      <div>
        {title && <p className="sb-notice__title">{title}</p>}
        {children && <div className="sb-notice__body">{children}</div>}
      </div>
      {action}
    </div>
  );
}

export interface ErrorNoticeProps {
  /** What failed, in the user's words: "We could not load your orders." */
  title: string;
  error?: unknown;
  onRetry?: () => void;
}

/** The standard error state of a screen: what failed, why if known, and a Retry button. */
export function ErrorNotice({ title, error, onRetry }: ErrorNoticeProps) {
  return (
    <Notice
      tone="danger"
      title={title}
      action={
        onRetry && (
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      {describeError(error)}
      <ErrorReference error={error} />
    </Notice>
  );
}

/**
 * The reference a user can quote to support: the BFF's request id of the failed call (`requestId`
 * on the platform's ApiError, from the error body and the `X-Request-Id` header). The BFF writes
 * it on its log line for the request and on audit entries, and the request's trace carries it, so
 * the first eight characters find them. The full id is in the element's title.
 */
export function errorReference(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const id = (error as { requestId?: unknown }).requestId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function ErrorReference({ error }: { error: unknown }) {
  const id = errorReference(error);
  if (!id) return null;
  return (
    <p className="sb-notice__reference">
      Reference: <code title={id}>{id.slice(0, 8)}</code>
    </p>
  );
}

/** A short reason from whatever was thrown: an Error, a problem+json body, or nothing useful. */
export function describeError(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object') {
    const record = error as Record<string, unknown>;
    for (const key of ['detail', 'message', 'title', 'error']) {
      if (typeof record[key] === 'string' && record[key]) return record[key];
    }
  }
  return typeof error === 'string' ? error : undefined;
}
