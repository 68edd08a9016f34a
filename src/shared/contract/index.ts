import type {
  ContractRouterClient,
  InferContractRouterInputs,
  InferContractRouterOutputs,
} from '@orpc/contract';
import { editors } from './editors';
import { events } from './events';
import { github } from './github';
import { projects } from './projects';
import { ratchet } from './ratchet';
import { sessions } from './sessions';
import { settings } from './settings';
import { system } from './system';
import { terminals } from './terminals';
import { workspaces } from './workspaces';

/**
 * The one contract between the core and every renderer. Wire names are `domain.verb`.
 * Register a new domain here and implement it in src/main/router.ts.
 */
export const contract = {
  system,
  events,
  projects,
  settings,
  workspaces,
  sessions,
  terminals,
  github,
  editors,
  ratchet,
};

export type Contract = typeof contract;
export type ContractClient = ContractRouterClient<Contract>;
export type ContractInputs = InferContractRouterInputs<Contract>;
export type ContractOutputs = InferContractRouterOutputs<Contract>;
