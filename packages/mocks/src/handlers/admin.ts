import { http } from '../http.ts';
import {
  errorBody,
  flagsFor,
  forbidden,
  isAdmin,
  networkDelay,
  notFound,
  paginate,
  unauthorized,
  type MockContext,
} from '../context.ts';
import { users } from '../fixtures/users.ts';
import { minutesAgo } from '../fixtures/time.ts';
import type { AuditEntry, Order, SessionUser } from '../types.ts';

const OPEN: Order['status'][] = ['pending', 'reserved', 'placed', 'cancelling'];

const audit: AuditEntry[] = [
  {
    id: 'aud-7',
    at: minutesAgo(2),
    userId: 'u-alice',
    username: 'alice',
    action: 'order.place',
    target: 'order:ord-1012',
    requestId: 'req-7f3a',
    outcome: 'success',
    detail: null,
    builds: [{ name: 'orders', version: '1.3.0-9c1e7b2a44', canary: true }],
  },
  {
    id: 'aud-6',
    at: minutesAgo(8),
    userId: 'u-alice',
    username: 'alice',
    action: 'order.place',
    target: 'order:ord-1011',
    requestId: 'req-6c21',
    outcome: 'success',
    detail: null,
  },
  {
    id: 'aud-5',
    at: minutesAgo(60 * 24 * 2.5),
    userId: 'u-admin',
    username: 'admin',
    action: 'fragment.rollback',
    target: 'fragment:orders',
    requestId: 'req-5b10',
    outcome: 'success',
    detail: 'to 1.2.0-77a8c0de31',
  },
  {
    id: 'aud-4',
    at: minutesAgo(60 * 24 * 2.6),
    userId: null,
    username: null,
    action: 'fragment.activate',
    target: 'fragment:orders',
    requestId: 'req-4a09',
    outcome: 'success',
    detail: 'deploy token',
  },
  {
    id: 'aud-3',
    at: minutesAgo(60 * 24 * 3),
    userId: 'u-bob',
    username: 'bob',
    action: 'strategy.publish',
    target: 'strategy:str-tech',
    requestId: 'req-3e88',
    outcome: 'denied',
    detail: 'requires admin',
  },
  {
    id: 'aud-2',
    at: minutesAgo(60 * 24 * 21),
    userId: 'u-admin',
    username: 'admin',
    action: 'strategy.publish',
    target: 'strategy:str-income',
    requestId: 'req-2d71',
    outcome: 'success',
    detail: null,
  },
  {
    id: 'aud-1',
    at: minutesAgo(60 * 24 * 30),
    userId: 'u-admin',
    username: 'admin',
    action: 'strategy.publish',
    target: 'strategy:str-balanced',
    requestId: 'req-1c52',
    outcome: 'success',
    detail: null,
  },
];

/** Admin console: customers, all orders, users and roles, audit, flags and system health. */
export function adminHandlers(ctx: MockContext) {
  const withRoles = (user: SessionUser): SessionUser => ({
    ...user,
    roles: ctx.db.state.roleOverrides[user.id] ?? user.roles,
  });
  const deny = () => (!ctx.user ? 401 : !isAdmin(ctx.user) ? 403 : null);

  return [
    http.get('/api/admin/customers', async ({ query, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const customers = Object.values(users).flatMap((user) =>
        'customerId' in user
          ? [
              {
                customer: { id: user.customerId, displayName: user.displayName, userId: user.id },
                accounts: ctx.db.accountsOf(user.customerId),
                openOrders: ctx.db.state.orderViews.filter(
                  (o) => o.customerId === user.customerId && OPEN.includes(o.status),
                ),
              },
            ]
          : [],
      );
      // As the accounts service: a case-insensitive substring of the name or the id.
      const search = query.get('search')?.trim().toLowerCase();
      const found = search
        ? customers.filter((c) =>
            [c.customer.displayName, c.customer.id].some((text) => text.toLowerCase().includes(search)),
          )
        : customers;
      return response(200).json(paginate(found, query.get('page'), query.get('size')));
    }),

    http.get('/api/admin/orders', async ({ query, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const status = query.get('status');
      const assetId = query.get('assetId');
      const customerId = query.get('customerId');
      // from is inclusive, to exclusive; a value that is not a date-time is a 400, as in the BFF.
      const bounds: Record<'from' | 'to', number | null> = { from: null, to: null };
      for (const name of ['from', 'to'] as const) {
        const value = query.get(name);
        if (value === null) continue;
        const time = Date.parse(value);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time))
          return response(400).json(
            errorBody('validation_failed', 'The request is not valid.', [
              { field: `query.${name}`, reason: 'must match format "date-time"' },
            ]),
          );
        bounds[name] = time;
      }
      const orders = ctx.db.state.orderViews
        .filter(
          (o) =>
            (!status || o.status === status) &&
            (!assetId || o.assetId === assetId) &&
            (!customerId || o.customerId === customerId) &&
            (bounds.from === null || Date.parse(o.createdAt) >= bounds.from) &&
            (bounds.to === null || Date.parse(o.createdAt) < bounds.to),
        )
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return response(200).json(paginate(orders, query.get('page'), query.get('size')));
    }),

    // The saga log, derived from the order view's steps (the mock keeps no separate log).
    http.get('/api/admin/orders/{id}/timeline', async ({ params, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const order = ctx.db.state.orderViews.find((o) => o.id === params.id);
      if (!order) return response(404).json(errorBody('not_found', 'The order was not found.'));
      const owner = Object.values(users).find((u) => 'customerId' in u && u.customerId === order.customerId);
      const placedBy = owner ? ctx.db.state.reportedBuilds[owner.id] : undefined;
      return response(200).json({
        orderId: order.id,
        // The mock keeps no audit entries: the builds the owner reported last stand in for them.
        servedBy: placedBy?.fragments ?? null,
        entries: order.steps.map((step, index) => ({
          seq: index + 1,
          step: step.status,
          detail: step.reason ? { reason: step.reason } : {},
          at: step.at,
        })),
      });
    }),

    http.get('/api/admin/users', async ({ response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      return response(200).json({
        items: [...Object.values(users), ...ctx.db.state.createdUsers].map(withRoles),
      });
    }),

    http.get('/api/admin/users/{id}/builds', async ({ params, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const reported = ctx.db.state.reportedBuilds[params.id];
      return response(200).json({ items: reported ? [reported] : [] });
    }),

    http.post('/api/admin/users', async ({ request, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const { password: _password, ...fields } = await request.json();
      const all: SessionUser[] = [...Object.values(users), ...ctx.db.state.createdUsers];
      if (all.some((user) => user.username === fields.username)) {
        return response(409).json(errorBody('username_taken', `The username ${fields.username} is taken.`));
      }
      const user: SessionUser = { id: `u-${fields.username}`, ...fields };
      ctx.db.state.createdUsers.push(user);
      return response(201).json(user);
    }),

    http.put('/api/admin/users/{id}/roles', async ({ params, request, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const user = [...Object.values(users), ...ctx.db.state.createdUsers].find(
        (candidate) => candidate.id === params.id,
      );
      if (!user) return response(404).json(errorBody('not_found', 'The user was not found.'));
      const { roles } = await request.json();
      if (user.id === ctx.user?.id && !roles.includes('admin')) {
        return response(422).json(errorBody('own_admin_role', 'You cannot remove your own admin role.'));
      }
      ctx.db.state.roleOverrides[user.id] = roles;
      return response(200).json(withRoles(user));
    }),

    http.get('/api/admin/audit', async ({ query, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const userId = query.get('userId');
      const action = query.get('action');
      const requestId = query.get('requestId');
      const from = query.get('from');
      const to = query.get('to');
      const entries = audit.filter(
        (e) =>
          (!userId || e.userId === userId) &&
          (!action || e.action.includes(action)) &&
          (!requestId || e.requestId === requestId) &&
          (!from || Date.parse(e.at) >= Date.parse(from)) &&
          (!to || Date.parse(e.at) < Date.parse(to)),
      );
      return response(200).json(paginate(entries, query.get('page'), query.get('size')));
    }),

    http.get('/api/admin/flags', async ({ response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const state = ctx.db.state;
      return response(200).json({
        flags: { ...state.flags },
        targeting: { ...state.flagTargeting },
        version: state.flagsVersion,
      });
    }),

    http.put('/api/admin/flags', async ({ request, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const { flags, targeting } = await request.json();
      const state = ctx.db.state;
      state.flags = { ...state.flags, ...flags };
      for (const [name, roles] of Object.entries(targeting ?? {})) {
        if (roles === null) delete state.flagTargeting[name];
        else state.flagTargeting[name] = roles;
      }
      state.flagsVersion += 1;
      // The mock has one realtime for the page's one user: push that user's view of the flags.
      ctx.realtime?.publish('flags', flagsFor(state, ctx.user?.roles ?? []));
      return response(200).json({
        flags: { ...state.flags },
        targeting: { ...state.flagTargeting },
        version: state.flagsVersion,
      });
    }),

    http.delete('/api/admin/flags/{name}', async ({ params, response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const state = ctx.db.state;
      const { name } = params;
      if (!Object.hasOwn(state.flags, name) && !Object.hasOwn(state.flagTargeting, name))
        return response(404).json(notFound(`Flag ${name}`));
      delete state.flags[name];
      delete state.flagTargeting[name];
      state.flagsVersion += 1;
      ctx.realtime?.publish('flags', flagsFor(state, ctx.user?.roles ?? []));
      return response(200).json({
        flags: { ...state.flags },
        targeting: { ...state.flagTargeting },
        version: state.flagsVersion,
      });
    }),

    http.get('/api/admin/system', async ({ response }) => {
      await networkDelay(ctx);
      const denied = deny();
      if (denied === 401) return response(401).json(unauthorized());
      if (denied === 403) return response(403).json(forbidden());
      const market = ctx.db.state.pricesAvailable;
      return response(200).json({
        status: market ? 'ok' : 'degraded',
        version: 'mock',
        dependencies: [
          { name: 'orders', status: 'up', breaker: 'closed', latencyMs: 4 },
          { name: 'accounts', status: 'up', breaker: 'closed', latencyMs: 3 },
          market
            ? { name: 'market', status: 'up', breaker: 'closed', latencyMs: 7 }
            : {
                name: 'market',
                status: 'down',
                breaker: 'open',
                latencyMs: 0,
                detail: 'Serving last known prices.',
              },
          { name: 'strategies', status: 'up', breaker: 'closed', latencyMs: 5 },
        ],
        ordersReadModel: {
          eventsBehind: 2,
          secondsBehind: 0.8,
          lagMs: 1000,
          lastProjectedAt: new Date().toISOString(),
        },
      });
    }),
  ];
}
