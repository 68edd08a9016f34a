import { useEffect, useState } from 'react';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function describeRelative(at: number, now: number): string {
  const delta = at - now;
  for (const [unit, ms] of units) {
    if (Math.abs(delta) >= ms) return format.format(Math.round(delta / ms), unit);
  }
  return 'just now';
}

/** "3 minutes ago", refreshed each minute (a display clock, not data polling). */
export function RelativeTime({ at }: { at: number | null | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (!at) return <span className="muted">never</span>;
  return <time dateTime={new Date(at).toISOString()}>{describeRelative(at, now)}</time>;
}
