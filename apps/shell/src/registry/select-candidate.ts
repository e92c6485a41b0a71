import type { FragmentCandidate, FragmentRecord } from './types.ts';

export function semverMajor(version: string): number | null {
  const match = /^(\d+)\./.exec(version);
  return match ? Number(match[1]) : null;
}

/**
 * The version of a fragment this shell can mount: the registry's choice for the user
 * (`candidates[0]`) unless it was built against another major of the platform contract, then
 * the newest earlier version that was not. Null when none is compatible.
 */
export function selectCandidate(
  record: Pick<FragmentRecord, 'candidates'>,
  shellContractVersion: string,
): FragmentCandidate | null {
  const shellMajor = semverMajor(shellContractVersion);
  return (
    record.candidates.find((c) => shellMajor !== null && semverMajor(c.contractVersion) === shellMajor) ??
    null
  );
}
