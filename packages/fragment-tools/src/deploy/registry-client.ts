import type { components } from '@simplebank/openapi';
import { DeployError } from './errors.ts';
import type { DistFile } from './content-hash.ts';
import type { DeploySettings } from './settings.ts';

type S = components['schemas'];
type ErrorBody = S['ErrorResponse'] & { currentRevision?: number };

const MAX_REVISION_RETRIES = 5;

/** The registry's admin API (openapi/bff.yaml), with errors turned into messages a person can act on. */
export class RegistryClient {
  constructor(
    private readonly settings: DeploySettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const url = `${this.settings.url}${path}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new DeployError(
        `Cannot reach the BFF at ${this.settings.url} (${cause}). Is it running (npm start)? Set SIMPLEBANK_URL to deploy elsewhere.`,
      );
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new DeployError(
        `${method} ${url} answered ${res.status} with a non-JSON body: is SIMPLEBANK_URL the BFF?`,
      );
    }
    if (res.ok) return { status: res.status, body: parsed as T };
    const error = (parsed as ErrorBody | undefined)?.error;
    throw new RegistryHttpError(
      res.status,
      error?.code ?? 'unknown',
      this.explain(res.status, error),
      (parsed as ErrorBody | undefined)?.currentRevision,
    );
  }

  private explain(status: number, error: ErrorBody['error'] | undefined): string {
    const message = error?.message ?? `HTTP ${status}`;
    if (status === 401 || status === 403) {
      return `The registry refused the deploy token from ${this.settings.tokenSource} (${message}). Use the token of the BFF at ${this.settings.url}.`;
    }
    if (error?.code === 'contract_incompatible') {
      return `The registry refused this build: ${message}. Rebuild against the platform contract the registry accepts.`;
    }
    const fields = error?.fields?.map((f) => `${f.field}: ${f.reason}`).join('; ');
    return fields ? `${message} (${fields})` : message;
  }

  state(): Promise<S['RegistryState']> {
    return this.call<S['RegistryState']>('GET', '/api/admin/fragments').then((r) => r.body);
  }

  async publish(
    name: string,
    version: string,
    fragment: S['FragmentMeta'],
    files: DistFile[],
  ): Promise<{ created: boolean; info: S['FragmentVersionInfo'] }> {
    const body: S['FragmentUpload'] = {
      fragment,
      files: files.map((f) => ({ path: f.path, contentBase64: f.content.toString('base64') })),
    };
    const res = await this.call<S['FragmentVersionInfo']>(
      'PUT',
      `/api/admin/fragments/${name}/versions/${version}`,
      body,
    );
    return { created: res.status === 201, info: res.body };
  }

  /** Runs a registry change guarded by the current revision; re-reads and retries when another deploy won the race. */
  private async guarded(
    run: (expectedRevision: number) => Promise<S['RegistryChange']>,
  ): Promise<S['RegistryChange']> {
    for (let attempt = 0; ; attempt++) {
      const { revision } = await this.state();
      try {
        return await run(revision);
      } catch (err) {
        if (
          !(err instanceof RegistryHttpError) ||
          err.code !== 'revision_conflict' ||
          attempt >= MAX_REVISION_RETRIES
        )
          throw err;
      }
    }
  }

  activate(name: string, version: string): Promise<S['RegistryChange']> {
    return this.guarded((expectedRevision) =>
      this.call<S['RegistryChange']>('POST', `/api/admin/fragments/${name}/activate`, {
        version,
        expectedRevision,
      }).then((r) => r.body),
    );
  }

  setCanary(name: string, version: string, percent: number): Promise<S['RegistryChange']> {
    return this.guarded((expectedRevision) =>
      this.call<S['RegistryChange']>('PUT', `/api/admin/fragments/${name}/canary`, {
        version,
        percent,
        expectedRevision,
      }).then((r) => r.body),
    );
  }

  rollback(name: string): Promise<S['RegistryChange']> {
    return this.guarded((expectedRevision) =>
      this.call<S['RegistryChange']>('POST', `/api/admin/fragments/${name}/rollback`, {
        expectedRevision,
      }).then((r) => r.body),
    );
  }
}

export class RegistryHttpError extends DeployError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly currentRevision?: number,
  ) {
    super(message);
  }
}
