import { PLATFORM_CONTRACT_VERSION, type FragmentProps } from '@simplebank/platform';
import { Button, Loading, Notice } from '@simplebank/ui';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { selectCandidate } from '../registry/select-candidate.ts';
import type { FragmentCandidate, FragmentRecord } from '../registry/types.ts';
import { retryDelay } from './backoff.ts';
import { FragmentErrorBoundary } from './FragmentErrorBoundary.tsx';
import { useFragmentLoader, type FragmentComponent } from './loader.ts';
import { buildOf, useLoadedBuilds } from './loaded-builds.ts';

export interface FragmentSlotProps {
  record: FragmentRecord;
  fragmentProps: FragmentProps;
}

type SlotState = 'loading' | 'ready' | 'failed';

/**
 * Where a fragment lives in the page: a region named after it that loads the remote lazily,
 * contains its failures, and retries by itself (1 s, 2 s, 4 s … 30 s) until it comes back.
 * The loaded version is exposed as `data-fragment-version` for tests and support.
 */
export function FragmentSlot({ record, fragmentProps }: FragmentSlotProps) {
  const candidate = useMemo(() => selectCandidate(record, PLATFORM_CONTRACT_VERSION), [record]);
  return (
    // Keyed by version: a newly chosen version starts from a clean slate (no stale failures).
    <FragmentSlotFor
      key={candidate?.version ?? 'none'}
      record={record}
      candidate={candidate}
      fragmentProps={fragmentProps}
    />
  );
}

function FragmentSlotFor({
  record,
  candidate,
  fragmentProps,
}: FragmentSlotProps & { candidate: FragmentCandidate | null }) {
  const [attempt, setAttempt] = useState(0);
  const [failures, setFailures] = useState(0);
  const [state, setState] = useState<SlotState>('loading');

  const retry = useCallback(() => {
    setState('loading');
    setAttempt((n) => n + 1);
  }, []);
  const onError = useCallback(
    (error: unknown) => {
      console.warn(`[shell] fragment "${record.name}" failed`, error);
      setFailures((n) => n + 1);
      setState('failed');
    },
    [record.name],
  );
  const loadedBuilds = useLoadedBuilds();
  const onMounted = useCallback(() => {
    setFailures(0);
    setState('ready');
    if (candidate) loadedBuilds?.add(buildOf(record, candidate));
  }, [loadedBuilds, record, candidate]);

  useEffect(() => {
    if (state !== 'failed') return undefined;
    const timer = setTimeout(retry, retryDelay(failures));
    return () => clearTimeout(timer);
  }, [state, failures, retry]);

  const region = (children: ReactNode) => (
    <section
      aria-label={`${record.title} fragment`}
      data-fragment={record.name}
      data-fragment-state={candidate ? state : 'incompatible'}
      data-fragment-version={state === 'ready' ? candidate?.version : undefined}
    >
      {children}
    </section>
  );

  if (!candidate) {
    return region(
      <Notice tone="warning" title={`${record.title} is not available in this version of the app`}>
        Reload the page later; no version of it matches this app yet.
      </Notice>,
    );
  }

  const fallback = (
    <Notice
      tone="danger"
      title={`${record.title} is unavailable right now`}
      action={
        <Button variant="secondary" onClick={retry}>
          Retry
        </Button>
      }
    >
      The rest of the app keeps working. We will try again in {Math.round(retryDelay(failures) / 1000)} s.
    </Notice>
  );

  return region(
    <FragmentErrorBoundary key={attempt} onError={onError} fallback={fallback}>
      <RemoteFragment
        record={record}
        candidate={candidate}
        fresh={attempt > 0}
        fragmentProps={fragmentProps}
        onMounted={onMounted}
      />
    </FragmentErrorBoundary>,
  );
}

interface RemoteFragmentProps {
  record: FragmentRecord;
  candidate: FragmentCandidate;
  fresh: boolean;
  fragmentProps: FragmentProps;
  onMounted: () => void;
}

/** Loads the remote, then renders it; a failed load is thrown so the boundary shows the fallback. */
function RemoteFragment({ record, candidate, fresh, fragmentProps, onMounted }: RemoteFragmentProps) {
  const loader = useFragmentLoader();
  // Held in an object: React would call a bare function component passed to setState as an updater.
  const [loaded, setLoaded] = useState<{ component?: FragmentComponent; error?: unknown }>({});

  useEffect(() => {
    let current = true;
    loader.load(record.name, candidate, { fresh }).then(
      (component) => current && setLoaded({ component }),
      (error: unknown) => current && setLoaded({ error: error ?? new Error('load failed') }),
    );
    return () => {
      current = false;
    };
  }, [loader, record.name, candidate, fresh]);

  if (loaded.error) throw loaded.error;
  if (!loaded.component) return <Loading label={`Loading ${record.title}…`} />;
  const Fragment = loaded.component;
  return (
    <ReportMounted onMounted={onMounted}>
      <Fragment {...fragmentProps} />
    </ReportMounted>
  );
}

/** Its effect runs only once the fragment rendered and committed without throwing. */
function ReportMounted({ onMounted, children }: { onMounted: () => void; children: ReactNode }) {
  useEffect(() => onMounted(), [onMounted]);
  return children;
}
