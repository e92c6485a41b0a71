import type { Plugin } from 'vite';
import type { FragmentConfig, FragmentMeta } from './fragment-config.ts';

export function fragmentMeta(
  config: FragmentConfig,
  contractVersion: string,
  releaseNote?: string,
): FragmentMeta {
  return { ...config, contractVersion, ...(releaseNote ? { releaseNote } : {}) };
}

/**
 * A fragment's build has no page of its own: the remote entry is what the shell loads. Vite still
 * wants an input, and the standalone `index.html` would drag the dev host and mocks into the
 * artifact, so the build starts from this empty module instead.
 */
export const BUILD_INPUT_ID = 'virtual:simplebank-fragment-build';
const RESOLVED_BUILD_INPUT_ID = `\0${BUILD_INPUT_ID}`;

export function emptyBuildInputPlugin(): Plugin {
  return {
    name: 'simplebank:fragment-build-input',
    apply: 'build',
    resolveId: (id) => (id === BUILD_INPUT_ID ? RESOLVED_BUILD_INPUT_ID : undefined),
    load: (id) => (id === RESOLVED_BUILD_INPUT_ID ? 'export {};\n' : undefined),
  };
}

/** Emits `dist/fragment.json`, the metadata the deploy command sends to the registry with the files. */
export function fragmentJsonPlugin(meta: FragmentMeta): Plugin {
  return {
    name: 'simplebank:fragment-json',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'fragment.json',
        source: `${JSON.stringify(meta, null, 2)}\n`,
      });
    },
  };
}
