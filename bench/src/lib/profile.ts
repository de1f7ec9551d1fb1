import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/** BENCH_PROFILE=<file>: a CPU profile of the measured part only (not of seeding and warm-up). */
export async function profileIf(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  // 100 µs rather than the default 1 ms: the measured parts are short (one settlement run is ~1 s).
  await s.post('Profiler.setSamplingInterval', { interval: 100 });
  await s.post('Profiler.start');
  return async () => {
    const { profile } = await s.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    s.disconnect();
  };
}
