import { defineConfig } from 'vitest/config';
import { serverTestTimeouts } from '@simplebank/vitest-config/server';

export default defineConfig({ test: { ...serverTestTimeouts } });
