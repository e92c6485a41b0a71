import type { FragmentProps } from '@simplebank/platform';
import { createContext, useContext, type ComponentType } from 'react';
import type { FragmentCandidate } from '../registry/types.ts';

export type FragmentComponent = ComponentType<FragmentProps>;

/** Turns a registry candidate into the fragment's component. The shell uses module federation; tests inject fakes. */
export interface FragmentLoader {
  /** `fresh`: a retry after a failure, so nothing cached from the failed attempt may be reused. */
  load(name: string, candidate: FragmentCandidate, opts: { fresh: boolean }): Promise<FragmentComponent>;
}

export const FragmentLoaderContext = createContext<FragmentLoader | null>(null);

export function useFragmentLoader(): FragmentLoader {
  const loader = useContext(FragmentLoaderContext);
  if (!loader) throw new Error('No FragmentLoader provided');
  return loader;
}
