/** What a benchmark reports: one figure, compared against its budget. */
export interface BenchResult {
  metric: string;
  value: number;
  /** `>=` for ratios where higher is better, `<=` for ratios/latencies where lower is better. */
  op: '>=' | '<=' | '<';
  limit: number;
  /** Extra lines printed before the summary (raw figures, sample sizes). */
  details?: string[];
  /** Further figures with their own budgets (e.g. p99 latency, RSS), each printed and checked. */
  extra?: Array<Omit<BenchResult, 'extra' | 'details'>>;
}

export type Bench = () => Promise<BenchResult>;

export function withinBudget(r: Pick<BenchResult, 'value' | 'op' | 'limit'>): boolean {
  if (r.op === '>=') return r.value >= r.limit;
  if (r.op === '<') return r.value < r.limit;
  return r.value <= r.limit;
}

export function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}

/** Median of a sample; benches repeat a measurement and report the median to damp noise. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
