import { defineConfig } from 'vitest/config';
import { serverTestTimeouts } from '../../vitest.server.ts';

export default defineConfig({ test: { environment: 'node', ...serverTestTimeouts } });
