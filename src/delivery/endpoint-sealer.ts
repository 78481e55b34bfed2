import { createSealer, type Sealer } from '../crypto/sealer.ts';

// Endpoint URLs and secrets are sealed with a key of their own purpose.
// Apart from the delivery worker, so that reading them (the console, the
// API) does not bring the sending code along.

export const ENDPOINT_SECRET_PURPOSE = 'qianshao/endpoint-secret/v1';

export function endpointSealer(secretKey: string): Sealer {
  return createSealer(secretKey, ENDPOINT_SECRET_PURPOSE);
}
