import '@simplebank/ui/styles.css';
import './shell.css';
import {
  createApiClient,
  createEventChannel,
  createQueryClient,
  createSocketRealtime,
} from '@simplebank/platform';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createFederationLoader } from './fragments/federation-loader.ts';
import { applyTheme, storedTheme } from './theme/theme.ts';
import type { ShellServices } from './services.ts';
import { LoadedBuilds } from './fragments/loaded-builds.ts';

const builds = new LoadedBuilds();

const services: ShellServices = {
  api: createApiClient(),
  queryClient: createQueryClient(),
  events: createEventChannel(),
  loader: createFederationLoader(),
  createRealtime: () => createSocketRealtime(),
  builds,
  startTracing: ({ tracesUrl }) => {
    import('./telemetry/browser-tracing.ts').then(
      (tracing) => tracing.startBrowserTracing(tracesUrl, builds),
      (error: unknown) => console.warn('[shell] browser tracing could not be loaded', error),
    );
  },
};

// Before the first render, so a remembered dark theme never flashes light.
applyTheme(storedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
