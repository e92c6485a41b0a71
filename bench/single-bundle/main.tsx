// The baseline of the federation benchmark: the same shell and the same fragments, but the
// fragments are imported statically into one bundle. The shell itself never does this; only its
// loader seam (FragmentLoader) is swapped here.
import '@simplebank/ui/styles.css';
import '../../apps/shell/src/shell.css';
import {
  createApiClient,
  createEventChannel,
  createQueryClient,
  createSocketRealtime,
} from '@simplebank/platform';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import AdminFragment from '../../apps/admin-mfe/src/Fragment.tsx';
import OrdersFragment from '../../apps/orders-mfe/src/Fragment.tsx';
import StrategiesFragment from '../../apps/strategies-mfe/src/Fragment.tsx';
import { App } from '../../apps/shell/src/App.tsx';
import type { FragmentComponent, FragmentLoader } from '../../apps/shell/src/fragments/loader.ts';

const bundled: Record<string, FragmentComponent> = {
  orders: OrdersFragment,
  strategies: StrategiesFragment,
  admin: AdminFragment,
};

const staticLoader: FragmentLoader = {
  async load(name) {
    const fragment = bundled[name];
    if (!fragment) throw new Error(`no fragment "${name}" in the single bundle`);
    return fragment;
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      services={{
        api: createApiClient(),
        queryClient: createQueryClient(),
        events: createEventChannel(),
        loader: staticLoader,
        createRealtime: () => createSocketRealtime(),
      }}
    />
  </StrictMode>,
);
