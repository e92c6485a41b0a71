// The platform contract version the registry enforces: the single source is the platform package.
// Imported through its `contract-version` entry, not its index, which pulls in React.
export { PLATFORM_CONTRACT_VERSION } from '@simplebank/platform/contract-version';
