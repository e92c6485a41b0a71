import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client.ts';

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    requests.push(input as Request);
    const body = (input as Request).method === 'DELETE' ? null : JSON.stringify({ user: { id: 'u1' } });
    return new Response(body, { status: body ? 200 : 204, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

describe('createApiClient', () => {
  it('sends cookies and the CSRF header on state-changing requests', async () => {
    const { fetch, requests } = recordingFetch();
    const api = createApiClient({ baseUrl: 'http://bff.test', fetch });
    await api.POST('/api/session', { body: { username: 'alice', password: 'alice-pass' } });
    await api.DELETE('/api/session');
    expect(requests.map((r) => [r.method, r.url, r.headers.get('x-csrf-protection'), r.credentials])).toEqual(
      [
        ['POST', 'http://bff.test/api/session', '1', 'include'],
        ['DELETE', 'http://bff.test/api/session', '1', 'include'],
      ],
    );
  });

  it('does not add the CSRF header to reads, and parses the typed response', async () => {
    const { fetch, requests } = recordingFetch();
    const api = createApiClient({ baseUrl: 'http://bff.test', fetch });
    const { data } = await api.GET('/api/session');
    expect(requests[0]?.headers.has('x-csrf-protection')).toBe(false);
    expect(data?.user.id).toBe('u1');
  });

  it('uses the global fetch when none is given, looked up at call time', async () => {
    const { fetch, requests } = recordingFetch();
    const api = createApiClient({ baseUrl: 'http://bff.test' });
    vi.stubGlobal('fetch', fetch);
    await api.GET('/api/session');
    vi.unstubAllGlobals();
    expect(requests).toHaveLength(1);
  });
});
