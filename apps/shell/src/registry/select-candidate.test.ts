import { describe, expect, it } from 'vitest';
import { selectCandidate, semverMajor } from './select-candidate.ts';

const candidate = (version: string, contractVersion: string) => ({
  version,
  contractVersion,
  manifestUrl: `/fragments/orders/${version}/mf-manifest.json`,
});

describe('selectCandidate', () => {
  it("takes the registry's choice when its contract major matches", () => {
    const record = { candidates: [candidate('1.1.0-b', '1.4.0'), candidate('1.0.0-a', '1.0.0')] };
    expect(selectCandidate(record, '1.0.0')?.version).toBe('1.1.0-b');
  });

  it('falls back to the newest earlier version built against the same major', () => {
    const record = {
      candidates: [
        candidate('3.0.0-c', '2.0.0'),
        candidate('2.0.0-b', '1.2.0'),
        candidate('1.0.0-a', '1.0.0'),
      ],
    };
    expect(selectCandidate(record, '1.0.0')?.version).toBe('2.0.0-b');
  });

  it('gives up when no version is compatible', () => {
    expect(selectCandidate({ candidates: [candidate('3.0.0-c', '2.0.0')] }, '1.0.0')).toBeNull();
    expect(selectCandidate({ candidates: [candidate('1.0.0-x', 'garbage')] }, '1.0.0')).toBeNull();
  });
});

describe('semverMajor', () => {
  it('reads the major of a semver and rejects anything else', () => {
    expect(semverMajor('12.3.4')).toBe(12);
    expect(semverMajor('1.0.0-beta.1')).toBe(1);
    expect(semverMajor('v1')).toBeNull();
  });
});
