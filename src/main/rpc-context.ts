import { implement } from '@orpc/server';
import { contract } from '../shared/contract';
import type { CoreServices } from './core-services';

/** What every procedure handler receives. */
export interface RpcContext {
  services: CoreServices;
}

/** The implementer for the one contract; every domain router is built from it. */
export const rpc = implement(contract).$context<RpcContext>();
