export {
  startEmbeddedServices,
  type EmbeddedServices,
  type EmbeddedServicesOptions,
  type ServiceName,
} from './embedded.ts';
