/**
 * A spinning circle. Decorative unless given a label: most of the time the text beside it
 * (in Loading or a busy Button) already says what is happening.
 */
export function Spinner({ label }: { label?: string }) {
  if (!label) return <span className="sb-spinner" aria-hidden="true" />;
  return <span role="img" aria-label={label} className="sb-spinner" />;
}

/** A loading state that assistive technology announces: "Loading your portfolio…". */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="sb-loading">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
