import { http } from '../http.ts';
import {
  errorBody,
  forbidden,
  isAdmin,
  networkDelay,
  notFound,
  unauthorized,
  type MockContext,
} from '../context.ts';
import { publicRecords, REGISTRY_CONTRACT_VERSION } from '../fixtures/fragments.ts';
import type { FragmentAdminRecord } from '../types.ts';

/** The fragment registry: the shell's public list and the admin view with activate, rollback, canary. */
export function fragmentHandlers(ctx: MockContext) {
  const state = () => ctx.db.state;

  /** Applies a registry change under the revision guard, bumps the revision and pushes it. */
  function change(
    name: string,
    expectedRevision: number | undefined,
    apply: (record: FragmentAdminRecord) => string | null,
  ) {
    if (expectedRevision !== undefined && expectedRevision !== state().registryRevision) {
      return { conflict: true as const };
    }
    const record = state().registry.find((candidate) => candidate.name === name);
    if (!record) return { missing: true as const };
    const problem = apply(record);
    if (problem) return { problem };
    state().registryRevision += 1;
    const result = { revision: state().registryRevision, fragment: record };
    // The BFF's wire shape (docs/CONTRACTS.md): the revision as `version`, the record's new state.
    ctx.realtime?.publish('deployments', {
      version: result.revision,
      name: record.name,
      active: record.active,
      canary: record.canary,
    });
    return { result };
  }

  const by = () => ctx.user?.id ?? 'deploy-token';
  const revisionConflict = () => ({
    ...errorBody('stale_revision', 'Someone changed the registry meanwhile; reload and try again.'),
    currentRevision: state().registryRevision,
  });

  return [
    http.get('/api/fragments', async ({ response }) => {
      await networkDelay(ctx);
      return response(200).json({
        contractVersion: REGISTRY_CONTRACT_VERSION,
        fragments: publicRecords(state().registry),
      });
    }),

    http.get('/api/admin/fragments', async ({ response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      return response(200).json({
        contractVersion: REGISTRY_CONTRACT_VERSION,
        revision: state().registryRevision,
        fragments: state().registry,
      });
    }),

    http.post('/api/admin/fragments/{name}/activate', async ({ params, request, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const body = await request.json();
      const outcome = change(params.name, body.expectedRevision, (record) => {
        if (!record.versions.some((v) => v.version === body.version)) return 'unknown version';
        record.active = body.version;
        if (record.canary?.version === body.version) record.canary = null;
        record.history.unshift({
          version: body.version,
          activatedAt: new Date().toISOString(),
          action: 'activate',
          by: by(),
        });
        return null;
      });
      if ('conflict' in outcome) return response(409).json(revisionConflict());
      if ('missing' in outcome || 'problem' in outcome)
        return response(404).json(notFound('The fragment version'));
      return response(200).json(outcome.result);
    }),

    http.post('/api/admin/fragments/{name}/rollback', async ({ params, request, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      // The body is optional here: an empty one means "no revision guard".
      const expectedRevision = (await request.clone().text())
        ? (await request.json())?.expectedRevision
        : undefined;
      const outcome = change(params.name, expectedRevision, (record) => {
        const previous = record.history.find((entry) => entry.version !== record.active);
        if (!previous) return 'nothing to roll back to';
        record.active = previous.version;
        record.history.unshift({
          version: previous.version,
          activatedAt: new Date().toISOString(),
          action: 'rollback',
          by: by(),
        });
        return null;
      });
      if ('conflict' in outcome) return response(409).json(revisionConflict());
      if ('missing' in outcome) return response(404).json(notFound('The fragment'));
      if ('problem' in outcome)
        return response(422).json(
          errorBody('no_previous_version', 'There is no earlier version to roll back to.'),
        );
      return response(200).json(outcome.result);
    }),

    http.put('/api/admin/fragments/{name}/canary', async ({ params, request, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const body = await request.json();
      const outcome = change(params.name, body.expectedRevision, (record) => {
        if (!record.versions.some((v) => v.version === body.version)) return 'unknown version';
        record.canary = { version: body.version, percent: body.percent };
        return null;
      });
      if ('conflict' in outcome) return response(409).json(revisionConflict());
      if ('missing' in outcome || 'problem' in outcome)
        return response(404).json(notFound('The fragment version'));
      return response(200).json(outcome.result);
    }),

    http.delete('/api/admin/fragments/{name}/canary', async ({ params, response }) => {
      await networkDelay(ctx);
      if (!ctx.user) return response(401).json(unauthorized());
      if (!isAdmin(ctx.user)) return response(403).json(forbidden());
      const outcome = change(params.name, undefined, (record) => {
        record.canary = null;
        return null;
      });
      if ('conflict' in outcome) return response(409).json(revisionConflict());
      if ('missing' in outcome || 'problem' in outcome) return response(404).json(notFound('The fragment'));
      return response(200).json(outcome.result);
    }),
  ];
}
