// PLACEHOLDER written by the platform engineer so the remote builds before its real screens exist.
// The fragments engineer replaces this file (keep the default export of a component taking FragmentProps).
import type { FragmentProps } from '@simplebank/platform';

export default function Fragment({ session }: FragmentProps) {
  return (
    <section aria-label="Strategies" data-release-note={__FRAGMENT_RELEASE_NOTE__}>
      <h1>Strategies</h1>
      <p>Welcome, {session.user.displayName}. This screen is coming soon.</p>
    </section>
  );
}
