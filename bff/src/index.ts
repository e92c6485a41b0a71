export { buildBff, type BffEvents } from './app.ts';
export { loadConfig, type BffConfig } from './config.ts';
export { versionFor, contentHash } from './registry/content-hash.ts';
