import type { FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../http/errors.ts';
import { requireRole } from '../auth/auth-plugin.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import type { ServiceAccount } from '../downstream/mapping.ts';

type Account = ServiceAccount;

/** The logged-in customer's accounts (a customer reaches only these). */
export async function customerAccounts(
  request: FastifyRequest,
  downstreams: Downstreams,
): Promise<{ customerId: string; accounts: Account[] }> {
  const user = requireRole(request, 'customer');
  if (!user.customerId) throw forbidden('This user has no customer record');
  const { body } = await ok(
    downstreams
      .api('accounts', callContext(request))
      .GET('/accounts', { params: { query: { customerIds: user.customerId } } }),
  );
  return {
    customerId: user.customerId,
    accounts: body.items.filter((a) => a.customerId === user.customerId),
  };
}

export function isAdmin(request: FastifyRequest): boolean {
  return request.user?.roles.includes('admin') ?? false;
}

/**
 * Admins see every account; a customer only their own. Someone else's entity answers 404 rather
 * than 403, so ids cannot be probed for existence.
 */
export async function assertCanSeeAccount(
  request: FastifyRequest,
  downstreams: Downstreams,
  accountId: string,
  what: string,
): Promise<void> {
  if (isAdmin(request)) return;
  const { accounts } = await customerAccounts(request, downstreams);
  if (!accounts.some((a) => a.id === accountId)) throw notFound(what);
}
