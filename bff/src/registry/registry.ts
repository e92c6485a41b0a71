import { createHash } from 'node:crypto';
import type { components } from '@simplebank/openapi';
import { ApiError, notFound, type FieldError } from '../http/errors.ts';
import { contentHash, isSafeRelativePath, type FragmentFile } from './content-hash.ts';
import { inCanary } from './canary.ts';
import { checkManifest } from './manifest.ts';
import { DocumentStore, type Database, type Queryable } from '../store/database.ts';

type S = components['schemas'];
export type FragmentMeta = S['FragmentMeta'];
export type RegistryChange = S['RegistryChange'];

export const FRAGMENT_NAME = /^[a-z][a-z0-9-]{0,39}$/;
export const FRAGMENT_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?-[0-9a-f]{10}$/;

interface VersionRecord {
  version: string;
  contractVersion: string;
  publishedAt: string;
  contentHash: string;
  /** fragment.json as stored (metadata + version): routes, nav, title, requiredRole. */
  meta: FragmentMeta;
}
type HistoryEntry = S['FragmentHistoryEntry'];
interface FragmentState {
  active: string | null;
  canary: { version: string; percent: number } | null;
  /** Newest first. */
  history: HistoryEntry[];
  /** Newest first. */
  versions: VersionRecord[];
}
export interface RegistryDocument {
  revision: number;
  fragments: Record<string, FragmentState>;
}

export interface ChangeOptions {
  expectedRevision?: number;
  /** Who asked: `deploy-token` or an admin's user id. */
  by: string;
}

export function major(semver: string): number {
  return Number.parseInt(semver.split('.')[0] ?? '', 10);
}

const emptyFragment = (): FragmentState => ({ active: null, canary: null, history: [], versions: [] });

/** A stored fragment file: its content's sha256 (hex) names it, so it doubles as the ETag. */
export interface StoredFile {
  hash: string;
  content: Buffer;
}

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** PGlite reads BYTEA as a Uint8Array, pg as a Buffer. */
const asBuffer = (value: Uint8Array): Buffer =>
  Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/**
 * The fragment registry (docs/CONTRACTS.md): one state document (active, canary, history,
 * revision) changed under a row lock, and the immutable versions' files stored content-addressed
 * (`bff_fragment_blobs` by sha256, `bff_fragment_files` naming them per version), all in the
 * database every instance shares. A version's files commit with its state entry, so a version is
 * either absent or complete.
 */
export class FragmentRegistry {
  private readonly store: DocumentStore<RegistryDocument>;

  constructor(
    private readonly db: Database,
    /** The registry's platform contract version; fragments of another major are refused. */
    readonly contractVersion: string,
    private readonly publicBase = '',
  ) {
    this.store = new DocumentStore(db, 'registry', () => ({ revision: 0, fragments: {} }));
  }

  read(): Promise<RegistryDocument> {
    return this.store.read();
  }

  /** The content hash of a version's file, or null when there is no such file. */
  async fileHash(name: string, version: string, filePath: string): Promise<string | null> {
    const [row] = await this.db.query<{ hash: string }>(
      'SELECT hash FROM bff_fragment_files WHERE fragment = $1 AND version = $2 AND path = $3',
      [name, version, filePath],
    );
    return row?.hash ?? null;
  }

  /** The content stored under a hash (see fileHash), or null. */
  async blob(hash: string): Promise<Buffer | null> {
    const [row] = await this.db.query<{ content: Uint8Array }>(
      'SELECT content FROM bff_fragment_blobs WHERE hash = $1',
      [hash],
    );
    return row ? asBuffer(row.content) : null;
  }

  private async storeFiles(tx: Queryable, name: string, version: string, files: FragmentFile[]) {
    for (const file of files) {
      const hash = sha256(file.content);
      await tx.query(
        'INSERT INTO bff_fragment_blobs (hash, size, content) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING',
        [hash, file.content.length, file.content],
      );
      await tx.query(
        `INSERT INTO bff_fragment_files (fragment, version, path, hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (fragment, version, path) DO UPDATE SET hash = EXCLUDED.hash`,
        [name, version, file.path, hash],
      );
    }
  }

  manifestUrl(name: string, version: string): string {
    return `${this.publicBase}/fragments/${name}/${version}/mf-manifest.json`;
  }

  /** Checks an upload before anything is stored. */
  private validateUpload(name: string, version: string, meta: FragmentMeta, files: FragmentFile[]): string {
    if (!FRAGMENT_NAME.test(name))
      throw new ApiError(400, 'validation_failed', 'Invalid fragment name', [
        { field: 'params.name', reason: 'must match ^[a-z][a-z0-9-]{0,39}$' },
      ]);
    if (!FRAGMENT_VERSION.test(version))
      throw new ApiError(400, 'validation_failed', 'Invalid version', [
        { field: 'params.version', reason: 'must be <semver>-<10 hex>' },
      ]);
    if (meta.name !== name) {
      throw new ApiError(422, 'name_mismatch', `fragment.name "${meta.name}" does not match "${name}"`, [
        { field: 'body.fragment.name', reason: `must be ${name}` },
      ]);
    }
    if (meta.version !== undefined && meta.version !== version) {
      throw new ApiError(422, 'version_mismatch', 'fragment.version differs from the version in the URL', [
        { field: 'body.fragment.version', reason: `must be ${version}` },
      ]);
    }
    const theirs = major(meta.contractVersion);
    const ours = major(this.contractVersion);
    if (theirs !== ours) {
      throw new ApiError(
        422,
        'contract_incompatible',
        `Fragment built against platform contract ${meta.contractVersion}; the registry accepts ${ours}.x (${this.contractVersion})`,
        [{ field: 'body.fragment.contractVersion', reason: `major must be ${ours}` }],
      );
    }
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    files.forEach((f, i) => {
      if (!isSafeRelativePath(f.path))
        problems.push({ field: `body.files.${i}.path`, reason: 'must be a relative path without ..' });
      if (seen.has(f.path)) problems.push({ field: `body.files.${i}.path`, reason: 'duplicate path' });
      seen.add(f.path);
    });
    if (problems.length > 0) throw new ApiError(400, 'validation_failed', 'Invalid file list', problems);
    if (!seen.has('mf-manifest.json')) {
      throw new ApiError(422, 'manifest_missing', 'A fragment build must contain mf-manifest.json', [
        { field: 'body.files', reason: 'mf-manifest.json missing' },
      ]);
    }
    // Immutability is judged by content: the same version with other content is a conflict.
    const hash = contentHash(files);
    return hash;
  }

  private info(name: string, v: VersionRecord): S['FragmentVersionInfo'] {
    return {
      name,
      version: v.version,
      contractVersion: v.contractVersion,
      publishedAt: v.publishedAt,
      manifestUrl: this.manifestUrl(name, v.version),
      contentHash: v.contentHash,
    };
  }

  /**
   * Stores an immutable version. `created` is false when identical content was already there.
   * `ownOrigin` is the origin the registry is reached at: the one absolute `publicPath` a
   * manifest may name.
   */
  async publish(
    name: string,
    version: string,
    meta: FragmentMeta,
    files: FragmentFile[],
    opts: { ownOrigin?: string } = {},
  ): Promise<{ created: boolean; info: S['FragmentVersionInfo'] }> {
    const hash = this.validateUpload(name, version, meta, files);
    const existing = (await this.read()).fragments[name]?.versions.find((v) => v.version === version);
    if (existing) return this.sameOrConflict(name, existing, hash);
    // A version names its content (docs/CONTRACTS.md): the deploy CLI computes it from the files.
    const expected = hash.slice(0, 10);
    if (!version.endsWith(`-${expected}`)) {
      throw new ApiError(422, 'version_mismatch', `Version ${version} does not match its content`, [
        {
          field: 'params.version',
          reason: `must end with -${expected}, the first 10 hex of the content hash`,
        },
      ]);
    }
    checkManifest(files, opts.ownOrigin);

    const stored: FragmentMeta = { ...meta, version };
    // fragment.json is served as stored: the metadata with its version.
    const storedMeta = {
      path: 'fragment.json',
      content: Buffer.from(JSON.stringify(stored, null, 2) + '\n'),
    };
    const toStore = [...files.filter((f) => f.path !== 'fragment.json'), storedMeta];

    return this.store.update(async (doc, tx) => {
      const fragment = doc.fragments[name] ?? emptyFragment();
      const raced = fragment.versions.find((v) => v.version === version);
      if (raced) return { result: this.sameOrConflict(name, raced, hash) };
      await this.storeFiles(tx, name, version, toStore);
      const record: VersionRecord = {
        version,
        contractVersion: meta.contractVersion,
        publishedAt: new Date().toISOString(),
        contentHash: hash,
        meta: stored,
      };
      const next: RegistryDocument = {
        revision: doc.revision + 1,
        fragments: { ...doc.fragments, [name]: { ...fragment, versions: [record, ...fragment.versions] } },
      };
      return { state: next, result: { created: true, info: this.info(name, record) } };
    });
  }

  private sameOrConflict(name: string, existing: VersionRecord, hash: string) {
    if (existing.contentHash !== hash) {
      throw new ApiError(
        409,
        'version_exists',
        `Version ${existing.version} of ${name} exists with other content; versions are immutable`,
      );
    }
    return { created: false, info: this.info(name, existing) };
  }

  /** Applies a change to one fragment under the lock, checking `expectedRevision` first. */
  private change(
    name: string,
    opts: ChangeOptions,
    apply: (fragment: FragmentState) => FragmentState | null,
  ): Promise<RegistryChange> {
    return this.store.update((doc) => {
      if (opts.expectedRevision !== undefined && opts.expectedRevision !== doc.revision) {
        throw new ApiError(
          409,
          'revision_conflict',
          `The registry changed (revision ${doc.revision}); re-read and retry`,
          undefined,
          {
            currentRevision: doc.revision,
          },
        );
      }
      const fragment = doc.fragments[name];
      if (!fragment) throw notFound(`Fragment ${name}`);
      const next = apply(fragment);
      if (next === null)
        return { result: { revision: doc.revision, fragment: this.adminRecord(name, fragment) } };
      const revision = doc.revision + 1;
      return {
        state: { revision, fragments: { ...doc.fragments, [name]: next } },
        result: { revision, fragment: this.adminRecord(name, next) },
      };
    });
  }

  private requireVersion(fragment: FragmentState, name: string, version: string): void {
    if (!fragment.versions.some((v) => v.version === version))
      throw notFound(`Version ${version} of ${name}`);
  }

  activate(
    name: string,
    version: string,
    opts: ChangeOptions & { action?: 'activate' | 'seed' },
  ): Promise<RegistryChange> {
    return this.change(name, opts, (fragment) => {
      this.requireVersion(fragment, name, version);
      if (fragment.active === version) return null;
      return {
        ...fragment,
        active: version,
        // A full activation ends any canary: promoting the canary's version, or superseding it
        // (a canary older than the active version would be a step back for its users).
        canary: null,
        history: [
          { version, activatedAt: new Date().toISOString(), action: opts.action ?? 'activate', by: opts.by },
          ...fragment.history,
        ],
      };
    });
  }

  /** Reactivates the version active before the current one; repeated rollbacks walk further back. */
  rollback(name: string, opts: ChangeOptions): Promise<RegistryChange> {
    return this.change(name, opts, (fragment) => {
      const stack = activationStack(fragment.history);
      const previous = stack[stack.length - 2];
      if (previous === undefined)
        throw new ApiError(422, 'nothing_to_roll_back', `${name} has no earlier version to roll back to`);
      return {
        ...fragment,
        active: previous,
        canary: fragment.canary?.version === previous ? null : fragment.canary,
        history: [
          { version: previous, activatedAt: new Date().toISOString(), action: 'rollback', by: opts.by },
          ...fragment.history,
        ],
      };
    });
  }

  setCanary(name: string, version: string, percent: number, opts: ChangeOptions): Promise<RegistryChange> {
    return this.change(name, opts, (fragment) => {
      this.requireVersion(fragment, name, version);
      if (fragment.active === null)
        throw new ApiError(422, 'no_active_version', `${name} has no active version; activate one first`);
      if (fragment.active === version)
        throw new ApiError(422, 'canary_is_active', `${version} is already the active version`);
      return { ...fragment, canary: { version, percent } };
    });
  }

  clearCanary(name: string, opts: ChangeOptions): Promise<RegistryChange> {
    return this.change(name, opts, (fragment) =>
      fragment.canary === null ? null : { ...fragment, canary: null },
    );
  }

  private adminRecord(name: string, f: FragmentState): S['FragmentAdminRecord'] {
    return {
      name,
      active: f.active,
      canary: f.canary,
      history: f.history,
      versions: f.versions.map((v) => this.info(name, v)),
    };
  }

  async adminState(): Promise<S['RegistryState']> {
    const doc = await this.read();
    return {
      contractVersion: this.contractVersion,
      revision: doc.revision,
      fragments: Object.keys(doc.fragments)
        .sort()
        .map((name) => this.adminRecord(name, doc.fragments[name] as FragmentState)),
    };
  }

  /**
   * What the shell mounts. `subject` (user id or visitor id) picks the canary bucket; candidates
   * follow the chosen version with the active one and earlier activations, newest first.
   */
  async publicList(subject: string): Promise<S['FragmentList']> {
    const doc = await this.read();
    const fragments: S['FragmentRecord'][] = [];
    for (const name of Object.keys(doc.fragments).sort()) {
      const f = doc.fragments[name] as FragmentState;
      if (f.active === null) continue;
      const canary = f.canary !== null && inCanary(subject, name, f.canary.percent);
      const chosen = canary && f.canary ? f.canary.version : f.active;
      // Rolled-back versions are not offered as fallbacks: they were rolled back for a reason.
      const order = [chosen, f.active, ...activationStack(f.history).reverse()];
      const candidates = [...new Set(order)]
        .map((version) => f.versions.find((v) => v.version === version))
        .filter((v): v is VersionRecord => v !== undefined)
        .map((v) => ({
          version: v.version,
          contractVersion: v.contractVersion,
          manifestUrl: this.manifestUrl(name, v.version),
        }));
      const meta = (f.versions.find((v) => v.version === chosen) as VersionRecord).meta;
      fragments.push({
        name,
        title: meta.title,
        routes: meta.routes,
        nav: meta.nav,
        requiredRole: meta.requiredRole,
        channel: canary ? 'canary' : 'active',
        candidates,
      });
    }
    return { contractVersion: this.contractVersion, fragments };
  }

  /** Readiness: the database answers and the state document parses. */
  async check(): Promise<void> {
    await this.read();
  }
}

/** Versions as a stack of activations (oldest first): activate/seed push, rollback pops. */
function activationStack(history: HistoryEntry[]): string[] {
  const stack: string[] = [];
  for (const entry of [...history].reverse()) {
    if (entry.action === 'rollback') {
      stack.pop();
      if (stack[stack.length - 1] !== entry.version) stack.push(entry.version);
    } else if (stack[stack.length - 1] !== entry.version) {
      stack.push(entry.version);
    }
  }
  return stack;
}
