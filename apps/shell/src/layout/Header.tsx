import { LIVE_UPDATES_PAUSED, useConnectionState, useSession } from '@simplebank/platform';
import { Button } from '@simplebank/ui';
import { NavLink } from 'react-router';
import type { VisibleNavEntry } from '../routing/access.ts';

// Not connected (still connecting, or lost) is when live views poll instead (live-query.ts in
// packages/platform), so both say the same thing.
const CONNECTION_LABEL = {
  connected: 'Live',
  connecting: LIVE_UPDATES_PAUSED,
  disconnected: LIVE_UPDATES_PAUSED,
} as const;

export function Header({
  nav,
  onLogout,
  loggingOut,
}: {
  nav: VisibleNavEntry[];
  onLogout: () => void;
  loggingOut: boolean;
}) {
  const { user } = useSession();
  const connection = useConnectionState();
  return (
    <header className="shell-header">
      <NavLink to="/" className="shell-brand">
        SimpleBank
      </NavLink>
      <nav aria-label="Main">
        <ul>
          {nav.map((entry) => (
            <li key={`${entry.fragment}:${entry.path}`}>
              <NavLink to={entry.path}>{entry.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="shell-user">
        <span role="status" aria-label="Live updates" data-connection={connection}>
          {CONNECTION_LABEL[connection]}
        </span>
        <span>{user.displayName}</span>
        <Button variant="secondary" onClick={onLogout} busy={loggingOut}>
          Log out
        </Button>
      </div>
    </header>
  );
}
