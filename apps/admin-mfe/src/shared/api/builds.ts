import type { Schema } from '@simplebank/openapi';

/** A fragment build that served a customer (docs/OBSERVABILITY.md, "Which build did a customer see"). */
export type FragmentBuild = Schema<'FragmentBuild'>;

/** `orders 1.3.0-9c1e7b2a44 (canary)`: one build in a line of text. */
export function describeBuild(build: FragmentBuild): string {
  return `${build.name} ${build.version}${build.canary ? ' (canary)' : ''}`;
}
