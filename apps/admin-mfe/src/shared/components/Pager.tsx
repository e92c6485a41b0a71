import { Button } from '@simplebank/ui';

export interface PagerProps {
  /** What is paged, e.g. "customers": names the navigation landmark and the buttons. */
  label: string;
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
}

/** Previous / next for a paged BFF list; hidden when everything fits on one page. */
export function Pager({ label, page, size, total, onPage }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return (
    <nav aria-label={`Pages of ${label}`} className="sb-pager">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </Button>
      <span>
        Page {page} of {pages}
      </span>
      <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next page
      </Button>
    </nav>
  );
}
