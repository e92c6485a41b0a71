import { useApi, useLiveQueryOptions } from '@simplebank/platform';
import { ErrorNotice, Loading, Notice, PageHeading } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { registryQuery } from '../../../shared/api/registry.ts';
import { FragmentDeployment } from './FragmentDeployment.tsx';

const TITLE = 'Fragment deployments';

function Deployments() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const registry = useQuery({ ...registryQuery(api), ...live });
  return (
    <>
      <PageHeading
        title={TITLE}
        description={
          registry.data
            ? `Which version of each fragment customers get. Registry revision ${registry.data.revision}, platform contract ${registry.data.contractVersion}.`
            : 'Which version of each fragment customers get.'
        }
      />
      {registry.isPending ? (
        <Loading label="Loading deployments…" />
      ) : registry.isError ? (
        <ErrorNotice
          title="We could not load the fragment registry."
          error={registry.error}
          onRetry={() => void registry.refetch()}
        />
      ) : registry.data.fragments.length === 0 ? (
        <Notice title="No fragment has been deployed yet">
          Run npm run deploy in a fragment's folder to publish its first version.
        </Notice>
      ) : (
        registry.data.fragments.map((record) => (
          <FragmentDeployment key={record.name} record={record} revision={registry.data.revision} />
        ))
      )}
    </>
  );
}

/** /admin/fragments: per fragment its versions, the active one, the canary, and who deployed what when. */
export function DeploymentsPage() {
  return (
    <AdminOnly title={TITLE}>
      <Deployments />
    </AdminOnly>
  );
}
