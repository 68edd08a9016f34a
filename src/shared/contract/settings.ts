import { z } from 'zod';
import { base } from './base';

export const Theme = z.enum(['system', 'light', 'dark']);

/** App-wide settings. Every key has a default so a fresh install needs no setup. */
export const AppSettings = z.object({
  theme: Theme.default('system'),
  notifications: z.boolean().default(true),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const settings = {
  get: base.input(z.void()).output(AppSettings),
  /** Merges the given keys into the stored settings and returns the result. */
  update: base.input(AppSettings.partial()).output(AppSettings),
};
