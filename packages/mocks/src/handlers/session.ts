import { http } from '../http.ts';
import { errorBody, flagsFor, networkDelay, unauthorized, type MockContext } from '../context.ts';
import { users } from '../fixtures/users.ts';

const PASSWORDS: Record<string, string> = { alice: 'alice-pass', bob: 'bob-pass', admin: 'admin-pass' };

/** Login, logout, who-am-I and the user's feature flags. */
export function sessionHandlers(ctx: MockContext) {
  return [
    http.get('/api/session', async ({ response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      return response(200).json({ user: ctx.user });
    }),
    http.get('/api/session/current', async ({ response }) => {
      await networkDelay(ctx);
      return response(200).json({ session: ctx.user ? { user: ctx.user } : null });
    }),
    http.post('/api/session', async ({ request, response }) => {
      await networkDelay(ctx);
      const { username, password } = await request.json();
      const user = Object.values(users).find((candidate) => candidate.username === username);
      if (!user || PASSWORDS[username] !== password) {
        return response(401).json(errorBody('invalid_credentials', 'Wrong username or password.'));
      }
      ctx.user = user;
      return response(200).json({ user });
    }),
    http.put('/api/session/builds', async ({ request, response }) => {
      if (!ctx.user) return response(401).json(unauthorized());
      const { fragments } = await request.json();
      ctx.db.state.reportedBuilds[ctx.user.id] = { reportedAt: new Date().toISOString(), fragments };
      return response(204).empty();
    }),
    // The mocks have no trace collector: tracing is off, as `GET /api/session/current` says.
    http.post('/api/telemetry/traces', ({ response }) => {
      if (!ctx.user) return response(401).json(unauthorized());
      return response(404).json(errorBody('not_found', 'Tracing is off'));
    }),
    http.delete('/api/session', ({ response }) => {
      ctx.user = null;
      return response(204).empty();
    }),
    http.get('/api/flags', async ({ response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      return response(200).json(flagsFor(ctx.db.state, ctx.user.roles));
    }),
    http.get('/api/health/live', ({ response }) => response(200).json({ status: 'ok' })),
    http.get('/api/health/ready', ({ response }) =>
      response(200).json({ status: 'ok', version: 'mock', dependencies: [] }),
    ),
  ];
}
