import { Badge } from '@simplebank/ui';
import type { FragmentBuild } from '../api/builds.ts';

/** The fragment builds that served a customer: name, version, and a badge on a canary. */
export function FragmentBuilds({ builds, label }: { builds: FragmentBuild[]; label: string }) {
  return (
    <ul aria-label={label}>
      {builds.map((build) => (
        <li key={build.name}>
          {build.name} <code>{build.version}</code>{' '}
          {build.canary ? <Badge tone="warning">canary</Badge> : <Badge tone="neutral">active</Badge>}
        </li>
      ))}
    </ul>
  );
}
