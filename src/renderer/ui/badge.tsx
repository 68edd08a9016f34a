import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info' | 'accent';

/**
 * A small status pill. With `label`, screen readers (and tests) read the full label instead of the
 * abbreviated visible text. Not a live region: many badges change at once on a busy board.
 */
export function Badge({
  tone = 'neutral',
  label,
  children,
}: {
  tone?: Tone;
  label?: string;
  children: ReactNode;
}) {
  if (!label) {
    return (
      <span className="badge" data-tone={tone}>
        {children}
      </span>
    );
  }
  return (
    <span className="badge" data-tone={tone} title={label}>
      <span aria-hidden="true">{children}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
