// The platform contract version the registry enforces: the single source is the platform package.
// Imported by path, not through `@simplebank/platform`'s index, which pulls in React.
export { PLATFORM_CONTRACT_VERSION } from '../../packages/platform/src/contract-version.ts';
