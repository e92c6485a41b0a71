export { buildBff, type BffEvents } from './app.ts';
export { loadConfig, type BffConfig } from './config.ts';
