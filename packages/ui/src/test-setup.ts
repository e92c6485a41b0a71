// Adds the DOM matchers (toBeInTheDocument, toHaveAccessibleName...) and unmounts after each test.
import '@testing-library/jest-dom/vitest';
import { domWaitMs } from '@simplebank/vitest-config/dom';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// findBy… and waitFor wait for what the user would see, not for a machine's speed (tooling/vitest-config/dom.js).
configure({ asyncUtilTimeout: domWaitMs });
