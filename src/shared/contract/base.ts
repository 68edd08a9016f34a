import { oc } from '@orpc/contract';
import { commonErrors } from './errors';

/** Every procedure starts here so it carries the common typed errors. */
export const base = oc.errors(commonErrors);
