import { useApi } from '@simplebank/platform';
import { ErrorNotice, formatDateTime, Loading } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { FragmentBuilds } from '../../../shared/components/FragmentBuilds.tsx';
import { userBuildsQuery, type User } from '../api/users.ts';

/** The fragment builds each of the user's live sessions loaded (what support asks "which version did you see?"). */
export function UserBuilds({ user }: { user: User }) {
  const api = useApi();
  const builds = useQuery(userBuildsQuery(api, user.id));
  if (builds.isPending) return <Loading label={`Loading the builds of ${user.displayName}…`} />;
  if (builds.isError)
    return (
      <ErrorNotice
        title="We could not load the builds."
        error={builds.error}
        onRetry={() => void builds.refetch()}
      />
    );
  return (
    <section aria-label={`Builds of ${user.displayName}`}>
      {builds.data.length === 0 ? (
        <p>No session of {user.displayName} has reported its builds.</p>
      ) : (
        builds.data.map((session) => (
          <div key={session.reportedAt}>
            <p>
              Session reported <time dateTime={session.reportedAt}>{formatDateTime(session.reportedAt)}</time>
            </p>
            <FragmentBuilds
              builds={session.fragments}
              label={`Builds of ${user.displayName}, reported ${formatDateTime(session.reportedAt)}`}
            />
          </div>
        ))
      )}
    </section>
  );
}
