// Baseline of issue 16 for GET /api/portfolio: a bare node:http server making the same downstream
// calls as the BFF's portfolio (the customer's accounts, then holdings, open orders and prices in
// parallel) with undici's `request`, and answering their bodies as one JSON document. No session,
// no validation, no mapping, no per-call token signing (its service tokens are signed ahead, one
// per service, and renewed before they expire): what any server fanning out to these calls pays.
import http from 'node:http';
import { Agent, request } from 'undici';
import { BFF_ISSUER, ServiceTokenSigner } from '@simplebank/service-kit/service-token';

type Services = { accounts: string; orders: string; market: string };

export async function startFanoutServer(
  services: Services,
  bffPrivateKey: string,
  customer: { userId: string; customerId: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const signer = await ServiceTokenSigner.fromKey(BFF_ISSUER, bffPrivateKey);
  const tokens: Record<string, string> = {};
  const sign = async () => {
    for (const audience of Object.keys(services))
      tokens[audience] = await signer.header({ audience, userId: customer.userId, roles: ['customer'] });
  };
  await sign();
  // Tokens live 60 s (packages/service-kit/src/service-token.ts).
  const renew = setInterval(() => void sign(), 30_000);
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const get = async (service: keyof Services, path: string): Promise<{ items: unknown[] }> => {
    const res = await request(new URL(path, services[service]), {
      headers: { accept: 'application/json', authorization: tokens[service]! },
      dispatcher,
    });
    const body = (await res.body.json()) as { items: unknown[] };
    if (res.statusCode !== 200) throw new Error(`${service} ${path}: HTTP ${res.statusCode}`);
    return body;
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const accounts = (await get('accounts', `/accounts?customerIds=${customer.customerId}`)).items as {
        id: string;
      }[];
      const ids = accounts.map((a) => a.id).join(',');
      const [holdings, openOrders, prices] = await Promise.all([
        get('accounts', `/holdings?accountIds=${ids}`),
        get('orders', `/orders?accountIds=${ids}&status=open&size=200`),
        get('market', '/prices'),
      ]);
      const body = JSON.stringify({
        customerId: customer.customerId,
        accounts,
        holdings: holdings.items,
        openOrders: openOrders.items,
        prices: prices.items,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      clearInterval(renew);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.close();
    },
  };
}

/** `authorization` headers to call each service directly as the customer (the calls alone). */
export async function directHeaders(
  bffPrivateKey: string,
  audiences: string[],
  userId: string,
): Promise<Record<string, string>> {
  const signer = await ServiceTokenSigner.fromKey(BFF_ISSUER, bffPrivateKey);
  const out: Record<string, string> = {};
  for (const audience of audiences)
    out[audience] = await signer.header({ audience, userId, roles: ['customer'] });
  return out;
}
