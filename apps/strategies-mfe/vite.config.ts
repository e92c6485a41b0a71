import { defineFragmentConfig } from '@simplebank/fragment-tools/vite';
import { defineConfig } from 'vite';

// Everything but the port comes from fragment.config.json and the shared fragment config.
export default defineConfig(defineFragmentConfig({ root: import.meta.dirname, port: 4102 }));
