import { implement } from '@orpc/server';
import { contract } from '../shared/contract';
import type { CoreServices } from './core-services';

/** What every procedure handler receives. */
export interface RpcContext {
  services: CoreServices;
  /**
   * Resolves once the connection's send buffer has room (ff serve's WebSockets); live topics wait on it so a
   * slow client's backlog stays in its bounded feed, not in socket buffers. Absent: the transport never backs up.
   */
  drained?: () => Promise<void>;
}

/** The implementer for the one contract; every domain router is built from it. */
export const rpc = implement(contract).$context<RpcContext>();
