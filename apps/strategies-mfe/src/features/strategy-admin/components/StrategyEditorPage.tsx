import { useApi, useNavigate, useParams } from '@simplebank/platform';
import { ErrorNotice, Loading, Notice, PageHeading } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { assetsQuery } from '../../../shared/api/assets.ts';
import { strategyQuery } from '../../../shared/api/strategy.ts';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { useCreateStrategy, useUpdateStrategy } from '../hooks/useStrategyCommands.ts';
import { emptyForm, formFromStrategy } from '../lib/strategy-form.ts';
import { AdminOnly } from './AdminOnly.tsx';
import { StrategyForm } from './StrategyForm.tsx';

const LIST = '/admin/strategies';

function useAssetList() {
  const api = useApi();
  return useQuery(assetsQuery(api));
}

function NewStrategy() {
  const navigate = useNavigate();
  const assets = useAssetList();
  const create = useCreateStrategy();
  return (
    <>
      <PageHeading title="New strategy" description="A draft: customers see it only once it is published." />
      {assets.isPending ? (
        <Loading label="Loading assets…" />
      ) : assets.isError ? (
        <ErrorNotice
          title="We could not load the assets."
          error={assets.error}
          onRetry={() => void assets.refetch()}
        />
      ) : (
        <StrategyForm
          initial={emptyForm()}
          assets={assets.data}
          submitLabel="Save draft"
          onSubmit={async (input) => {
            await create.mutateAsync(input);
            navigate(LIST);
          }}
          onCancel={() => navigate(LIST)}
        />
      )}
    </>
  );
}

function EditDraft({ strategy }: { strategy: Strategy }) {
  const navigate = useNavigate();
  const assets = useAssetList();
  const update = useUpdateStrategy(strategy);
  if (strategy.status !== 'draft') {
    return (
      <Notice tone="warning" title="Only drafts can be edited">
        {strategy.name} is {strategy.status}; customers may already have invested in it as it is.
      </Notice>
    );
  }
  if (assets.isPending) return <Loading label="Loading assets…" />;
  if (assets.isError)
    return (
      <ErrorNotice
        title="We could not load the assets."
        error={assets.error}
        onRetry={() => void assets.refetch()}
      />
    );
  return (
    <StrategyForm
      // A newer version (another admin saved) restarts the form from it rather than mixing both.
      key={strategy.version}
      initial={formFromStrategy(strategy)}
      assets={assets.data}
      submitLabel="Save changes"
      onSubmit={async (input) => {
        await update.mutateAsync(input);
        navigate(LIST);
      }}
      onCancel={() => navigate(LIST)}
    />
  );
}

function EditStrategy({ id }: { id: string }) {
  const api = useApi();
  const strategy = useQuery(strategyQuery(api, id));
  return (
    <>
      <PageHeading title={strategy.data ? `Edit ${strategy.data.name}` : 'Edit strategy'} />
      {strategy.isPending ? (
        <Loading label="Loading the strategy…" />
      ) : strategy.isError ? (
        <ErrorNotice
          title="We could not load the strategy."
          error={strategy.error}
          onRetry={() => void strategy.refetch()}
        />
      ) : (
        <EditDraft strategy={strategy.data} />
      )}
    </>
  );
}

/** /admin/strategies/new and /admin/strategies/:id/edit. */
export function StrategyEditorPage() {
  const { id } = useParams();
  return (
    <AdminOnly title={id ? 'Edit strategy' : 'New strategy'}>
      {id ? <EditStrategy id={id} /> : <NewStrategy />}
    </AdminOnly>
  );
}
