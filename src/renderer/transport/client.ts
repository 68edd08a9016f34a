import { createORPCClient } from '@orpc/client';
import type { ContractClient } from '@shared/contract';
import { SwitchableLink } from './switchable-link';

/** A typed client over a link that `startConnection` swaps on every (re)connect. */
export interface AppClient {
  link: SwitchableLink;
  client: ContractClient;
}

/** Made once by the app root and handed down through `ClientProvider`; tests make their own over a fake link. */
export function createAppClient(): AppClient {
  const link = new SwitchableLink();
  return { link, client: createORPCClient(link) };
}
