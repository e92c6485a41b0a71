import { useId } from 'react';
import type { ReactNode } from 'react';

export interface PageHeadingProps {
  title: ReactNode;
  description?: ReactNode;
  /** Page-level commands (New strategy, Refresh). */
  actions?: ReactNode;
}

/** The one h1 of a screen, with its description and page actions. */
export function PageHeading({ title, description, actions }: PageHeadingProps) {
  return (
    <header className="sb-page-heading">
      <div>
        <h1>{title}</h1>
        {description && <p>{description}</p>}
      </div>
      {actions && <div>{actions}</div>}
    </header>
  );
}

/** A titled section of a screen; the heading names the region for screen-reader navigation. */
export function Card({
  title,
  children,
  headingLevel = 2,
}: {
  title: ReactNode;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="sb-card" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {children}
    </section>
  );
}

/** Labelled figures (Available cash: $1,000.00) as a description list. */
export function StatList({ items }: { items: { label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="sb-stat-list">
      {items.map((item, index) => (
        <div key={index}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
