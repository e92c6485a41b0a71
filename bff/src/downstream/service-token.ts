import {
  BFF_ISSUER,
  ServiceTokenSigner,
  generateServiceKeyPair,
} from '@simplebank/service-kit/service-token';
import type { BffConfig } from '../config.ts';

/**
 * The signer of the BFF's calls to the services (docs/SECURITY.md). Outside the embedded default a
 * configured service must be given the key: starting without it would only fail every call.
 * Without services, or in the embedded default with none started (tests with stand-in services),
 * a key made for this process is enough: nobody is there to check it against a public key.
 */
export async function bffServiceTokens(config: BffConfig): Promise<ServiceTokenSigner> {
  if (config.serviceTokenPrivateKey)
    return ServiceTokenSigner.fromKey(BFF_ISSUER, config.serviceTokenPrivateKey);
  const anyService = Object.values(config.services).some(Boolean);
  if (anyService && !config.embedded)
    throw new Error('SERVICE_TOKEN_PRIVATE_KEY is required to call the services (docs/SECURITY.md)');
  return ServiceTokenSigner.fromKey(BFF_ISSUER, (await generateServiceKeyPair()).privateKey);
}
