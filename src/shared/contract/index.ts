import type {
  ContractRouterClient,
  InferContractRouterInputs,
  InferContractRouterOutputs,
} from '@orpc/contract';
import { editors } from './editors';
import { events } from './events';
import { github } from './github';
import { iterate } from './iterate';
import { projects } from './projects';
import { prompts } from './prompts';
import { ratchet } from './ratchet';
import { reviews } from './reviews';
import { schedules } from './schedules';
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
  reviews,
  editors,
  prompts,
  iterate,
  schedules,
  ratchet,
};

export type Contract = typeof contract;
export type ContractClient = ContractRouterClient<Contract>;
export type ContractInputs = InferContractRouterInputs<Contract>;
export type ContractOutputs = InferContractRouterOutputs<Contract>;
