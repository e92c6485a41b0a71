import '@testing-library/jest-dom/vitest';
import { domWaitMs } from '@simplebank/vitest-config/dom';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

// findBy… and waitFor wait for what the user would see, not for a machine's speed (tooling/vitest-config/dom.js).
configure({ asyncUtilTimeout: domWaitMs });
