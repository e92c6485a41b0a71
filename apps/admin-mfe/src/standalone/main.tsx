// Standalone mode: `npm run dev -w apps/admin-mfe` serves this on http://localhost:4103 against
// the MSW mocks, signed in as the demo admin (switch to alice to see the "not allowed" page).
import { startStandalone } from '@simplebank/mocks/standalone';
import Fragment from '../Fragment.tsx';

void startStandalone({
  name: 'admin',
  title: 'Admin',
  Fragment,
  users: ['admin', 'alice'],
  links: [
    { label: 'Overview', path: '/admin' },
    { label: 'Customers', path: '/admin/customers' },
    { label: 'All orders', path: '/admin/orders' },
    { label: 'Users', path: '/admin/users' },
    { label: 'Audit log', path: '/admin/audit' },
    { label: 'Deployments', path: '/admin/fragments' },
    { label: 'Feature flags', path: '/admin/flags' },
  ],
});
