/**
 * Child process of crash.test.ts: writes events through the real transition path in a
 * loop on a PGlite data directory, integrating now and then, until it is SIGKILLed.
 * Prints `committed <n>` after each commit so the parent knows what must survive.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../../kernel/db/connection.js';
import { migrate } from '../../../kernel/db/migrate.js';
import { createKernel } from '../../../kernel/kernel.js';
import { integrate } from '../../../kernel/ledger/sequencer.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { crashThing, ensureCrashTable } from './crash-lifecycle.js';

const database = await openDatabase({ dataDir: process.argv[2]! });
await migrate(database);
const k = await createKernel(database);
await ensureCrashTable(k.db);
const actor = systemActor('crash-writer');
for (let n = 1; ; n++) {
  const id = randomUUID();
  await k.db.transaction().execute(async (trx) => {
    const r = await transition(trx, k.workflow, {
      lifecycle: crashThing,
      action: 'create',
      actor,
      object: null,
      subject: { type: 'CrashThing' },
      values: { id },
    });
    await transition(trx, k.workflow, {
      lifecycle: crashThing,
      action: 'open',
      actor,
      object: { id, state: r.state, version: r.version },
      subject: { type: 'CrashThing' },
    });
  });
  process.stdout.write(`committed ${n * 2}\n`);
  if (n % 7 === 0) await integrate(k, 'main', { batchSize: 5 });
}
