// Standalone mode: `npm run dev -w apps/orders-mfe` serves this on http://localhost:4101 against
// the MSW mocks, with simulated read-model lag and price pushes.
import { startStandalone } from '@simplebank/mocks/standalone';
import Fragment from '../Fragment.tsx';

void startStandalone({
  name: 'orders',
  title: 'Orders',
  Fragment,
  users: ['alice', 'bob'],
  links: [
    { label: 'Trade', path: '/trade' },
    { label: 'Portfolio', path: '/portfolio' },
    { label: 'Orders', path: '/orders' },
  ],
});
