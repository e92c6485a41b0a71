export * from './messages.ts';
export * from './envelope.ts';
export * from './backbone.ts';
export * from './subjects.ts';
export { InProcessBackbone, type InProcessBackboneOptions } from './in-process.ts';
export { NatsBackbone, type NatsBackboneOptions } from './nats.ts';
export { probeTcp, serverSuite } from './servers.ts';
