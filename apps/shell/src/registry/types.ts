import type { Schema } from '@simplebank/openapi';

export type FragmentRecord = Schema<'FragmentRecord'>;
export type FragmentCandidate = Schema<'FragmentCandidate'>;
export type NavEntry = Schema<'NavEntry'>;
