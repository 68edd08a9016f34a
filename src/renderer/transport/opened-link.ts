import type { ClientLink } from '@orpc/client';

/** A live link to the core and the promise that settles when its transport goes away. */
export interface OpenedLink {
  link: ClientLink<Record<never, never>>;
  closed: Promise<void>;
  close(): void;
}

export type LinkOpener = () => Promise<OpenedLink>;
