import { ApiError } from '../http/errors.ts';
import type { FragmentFile } from './content-hash.ts';

const MANIFEST = 'mf-manifest.json';
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Where the module federation runtime loads a fragment's chunks from: `auto` (next to the
 * manifest, what packages/fragment-tools/src/vite-config.ts builds), a relative path, or this
 * registry's own origin. Anything else would make every shell load code from another origin
 * (#10: an upload pointing elsewhere was accepted and broke the fragment for everyone).
 */
export function isAllowedPublicPath(publicPath: string, ownOrigin?: string): boolean {
  if (publicPath === 'auto') return true;
  if (publicPath.startsWith('//') || publicPath.includes('\\')) return false;
  if (!SCHEME.test(publicPath)) return true;
  if (ownOrigin === undefined) return false;
  try {
    return new URL(publicPath).origin === new URL(ownOrigin).origin;
  } catch {
    return false;
  }
}

/** Refuses (422, naming the file) a manifest that is not JSON or loads code from elsewhere. */
export function checkManifest(files: FragmentFile[], ownOrigin?: string): void {
  const index = files.findIndex((f) => f.path === MANIFEST);
  const file = files[index];
  if (!file) return;
  const field = `body.files.${index}.contentBase64`;
  let manifest: unknown;
  try {
    manifest = JSON.parse(file.content.toString('utf8'));
  } catch {
    throw new ApiError(422, 'manifest_invalid', `${MANIFEST} is not JSON`, [
      { field, reason: `${MANIFEST} must be JSON` },
    ]);
  }
  const metaData = (manifest as { metaData?: Record<string, unknown> } | null)?.metaData;
  if (metaData === undefined || metaData === null || typeof metaData !== 'object') return;
  // getPublicPath is code the runtime evaluates to find the chunks: it could point anywhere.
  if ('getPublicPath' in metaData) {
    throw new ApiError(422, 'public_path_refused', `${MANIFEST} sets metaData.getPublicPath`, [
      { field, reason: 'metaData.getPublicPath is not allowed; use publicPath "auto"' },
    ]);
  }
  const publicPath = metaData.publicPath;
  if (publicPath === undefined) return;
  if (typeof publicPath !== 'string' || !isAllowedPublicPath(publicPath, ownOrigin)) {
    throw new ApiError(
      422,
      'public_path_refused',
      `${MANIFEST} metaData.publicPath must be "auto", relative or this registry's origin`,
      [
        {
          field,
          reason: `metaData.publicPath ${JSON.stringify(publicPath)} is neither "auto", relative nor ${ownOrigin ?? "the registry's origin"}`,
        },
      ],
    );
  }
}
