import { createORPCClient } from '@orpc/client';
import type { ContractClient } from '@shared/contract';
import { SwitchableLink } from './switchable-link';

/** The renderer's one typed client. Its link is swapped on every (re)connect by `startConnection`. */
export const link = new SwitchableLink();
export const client: ContractClient = createORPCClient(link);
