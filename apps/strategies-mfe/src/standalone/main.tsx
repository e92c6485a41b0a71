// Standalone mode: `npm run dev -w apps/strategies-mfe` serves this on http://localhost:4102
// against the MSW mocks. Switch to the admin user to see /admin/strategies.
import { startStandalone } from '@simplebank/mocks/standalone';
import Fragment from '../Fragment.tsx';

void startStandalone({
  name: 'strategies',
  title: 'Strategies',
  Fragment,
  users: ['alice', 'admin'],
  links: [
    { label: 'Strategies', path: '/strategies' },
    { label: 'Manage strategies', path: '/admin/strategies' },
  ],
});
