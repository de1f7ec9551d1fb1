import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/connection.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { accessLogDir, recordAccess, sealPastAccessLogs } from './usecases/access-log.js';
import { auditLedger } from './usecases/audit.js';

let database: Database;
let k: Kernel;
const clock = new FixedClock(new Date('2026-01-10T03:00:00.000Z'));

beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database, { clock, dataDir: mkdtempSync(join(tmpdir(), 'acl-')) });
});
afterAll(() => database?.close());

describe('LED-21 read-access logs sealed daily', () => {
  it('seals a finished day once with its SM3; a changed file is reported by the audit; a deleted file keeps its seal', async () => {
    recordAccess(k, systemActor('viewer'), { action: 'view', objectType: 'Grant', objectId: 'g1' });
    recordAccess(k, systemActor('viewer'), { action: 'download', objectType: 'Grant', objectId: 'g1' });
    expect(await sealPastAccessLogs(k)).toEqual([]); // today is not finished
    clock.advanceMs(86_400_000);
    expect(await sealPastAccessLogs(k)).toEqual(['2026-01-10']);
    await sealPastAccessLogs(k);
    const seals = (
      await sql<any>`SELECT retention_class FROM ledger_entry WHERE object_type = 'AccessLog'`.execute(k.db)
    ).rows;
    expect(seals).toEqual([{ retention_class: 'ledger_header' }]);
    expect((await sql<any>`SELECT event_type FROM event WHERE object_type = 'AccessLog'`.execute(k.db)).rows).toEqual([
      { event_type: 'AccessLog.sealed' },
    ]);
    expect((await auditLedger(k)).clean).toBe(true);
    const file = join(accessLogDir(k), '2026-01-10.jsonl');
    appendFileSync(file, '{"forged":true}\n');
    const r = await auditLedger(k, { openIncident: false });
    expect(r.mismatches).toEqual([
      expect.objectContaining({ check: 'access_log_seal', object: 'AccessLog/2026-01-10' }),
    ]);
    rmSync(file);
    expect((await auditLedger(k)).clean).toBe(true);
  });
});
