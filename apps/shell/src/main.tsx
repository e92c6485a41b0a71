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
import type { ShellServices } from './services.ts';

const services: ShellServices = {
  api: createApiClient(),
  queryClient: createQueryClient(),
  events: createEventChannel(),
  loader: createFederationLoader(),
  createRealtime: () => createSocketRealtime(),
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
