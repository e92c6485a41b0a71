import {
  LIVE_UPDATES_PAUSED,
  useConnectionState,
  useSession,
  Link,
  NavLink,
  useLocation,
} from '@simplebank/platform';
import { Button } from '@simplebank/ui';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { currentNavPath, type VisibleNavEntry } from '../routing/access.ts';
import { ThemeToggle } from '../theme/ThemeToggle.tsx';

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
  tools,
}: {
  nav: VisibleNavEntry[];
  onLogout: () => void;
  loggingOut: boolean;
  /** Always visible next to the brand, also on a phone (notifications). */
  tools?: ReactNode;
}) {
  const { user } = useSession();
  const connection = useConnectionState();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  // One highlighted entry: the most specific one, so /admin/orders is "All orders", not also "Admin".
  const current = currentNavPath(pathname, nav);
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <header className="shell-header" data-menu-open={menuOpen}>
      <div className="shell-bar">
        <NavLink to="/" className="shell-brand">
          SimpleBank
        </NavLink>
        <div className="shell-tools">{tools}</div>
        {/* Shown on narrow screens only (shell.css): the menu collapses behind it. */}
        <Button
          variant="secondary"
          className="shell-menu-button"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </Button>
      </div>
      <div id={menuId} className="shell-menu">
        <nav aria-label="Main">
          <ul>
            {nav.map((entry) => (
              <li key={`${entry.fragment}:${entry.path}`}>
                <Link to={entry.path} aria-current={entry.path === current ? 'page' : undefined}>
                  {entry.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell-user">
          <span role="status" aria-label="Live updates" data-connection={connection}>
            {CONNECTION_LABEL[connection]}
          </span>
          <span>{user.displayName}</span>
          <ThemeToggle />
          <Button variant="secondary" onClick={onLogout} busy={loggingOut}>
            Log out
          </Button>
        </div>
      </div>
    </header>
  );
}
