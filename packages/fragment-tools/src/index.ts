export { defineFragmentConfig, type FragmentViteOptions } from './vite-config.ts';
export { sharedSingletons, SHARED_SINGLETONS, type SharedEntry } from './shared.ts';
export {
  parseFragmentConfig,
  readFragmentConfig,
  type FragmentConfig,
  type FragmentMeta,
  type FragmentNavEntry,
  type FragmentRole,
} from './fragment-config.ts';
export { fragmentJsonPlugin, fragmentMeta } from './fragment-json-plugin.ts';
