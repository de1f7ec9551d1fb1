/** What a bench receives: its name, quick or full sizes, and `emit` for one JSON line per metric. */
export interface Metric {
  metric: string;
  value: number;
  unit: string;
  baseline?: string;
  baseline_value?: number;
  ratio?: number;
  n?: number;
  [extra: string]: unknown;
}

export interface BenchContext {
  name: string;
  quick: boolean;
  emit(m: Metric): void;
  /** Environment figures (database URL for PostgreSQL runs). */
  env: NodeJS.ProcessEnv;
}

export function makeContext(name: string, quick: boolean): BenchContext {
  return {
    name,
    quick,
    env: process.env,
    emit(m) {
      const out: Record<string, unknown> = { bench: name, ...m };
      if (m.baseline_value !== undefined && m.ratio === undefined) out.ratio = round(m.value / m.baseline_value, 3);
      out.value = round(m.value, 3);
      console.log(JSON.stringify(out));
    },
  };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Wall-clock seconds of fn. */
export async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}
