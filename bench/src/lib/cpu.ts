import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by this process and, best effort, by the PostgreSQL server
 * processes on this machine (Linux /proc; null where they are not visible, e.g. a remote
 * server, or PGlite, which runs inside this process). With both sides known a bench can say which one bounds it on a machine of few cores.
 */
export function cpuNow(withPostgres: boolean | number): { node: number; postgres: number | null } {
  const u = process.cpuUsage();
  const only = typeof withPostgres === 'number' ? withPostgres : undefined;
  return { node: (u.user + u.system) / 1e6, postgres: withPostgres !== false ? postgresCpu(only) : null };
}

/**
 * The postmaster of the server a connection reaches (its backend's parent), when it runs on this
 * machine: cpuNow(pid) then counts that server's processes only, not other clusters on the machine.
 */
export function postmasterOf(backendPid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${backendPid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = 100; // USER_HZ: 100 on Linux for every architecture we run on

function postgresCpu(postmaster?: number): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const f = stat.slice(close + 2).split(' '); // fields from 3 (state) on; ppid is 4, utime 14, stime 15
    if (postmaster !== undefined && Number(pid) !== postmaster && Number(f[1]) !== postmaster) continue;
    // cutime, cstime (16, 17): CPU of children already reaped. A backend that exits between two
    // readings (an idle pool connection closing) takes its own ticks with it, but they reappear in
    // its postmaster's, so the sum never goes backwards.
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    found = true;
  }
  return found ? ticks / CLOCK_TICKS : null;
}

/** Microseconds of CPU per unit on each side between two readings. */
export function cpuPerUnit(a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>, units: number) {
  // Exited server processes are counted through their postmaster's reaped-children time
  // (postgresCpu); the clamp only guards against a reading taken mid-reap.
  const us = (s: number) => Math.max(0, Math.round(((s * 1e6) / units) * 10) / 10);
  return {
    node_cpu_us: us(b.node - a.node),
    postgres_cpu_us: a.postgres === null || b.postgres === null ? null : us(b.postgres - a.postgres),
  };
}
