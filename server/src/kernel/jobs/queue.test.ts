import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../db/testing.js';
import type { Database } from '../db/connection.js';
import { startJobQueue, type JobQueue } from './queue.js';

let database: Database;
let queue: JobQueue;
const seen: unknown[] = [];

beforeAll(async () => {
  database = await openTestDatabase('bare');
  queue = await startJobQueue(database, { pollingIntervalSeconds: 0.5 });
  await queue.work('test.notify', async (d) => {
    seen.push(d.n);
  });
});
afterAll(async () => {
  await queue?.stop();
  await database?.close();
});

async function waitFor(pred: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

describe('jobs after commit (pg-boss)', () => {
  it('runs a job enqueued in a committed transaction and never one from a rolled-back transaction', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, 'test.notify', { n: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.db.transaction().execute((trx) => queue.enqueue(trx, 'test.notify', { n: 'committed' }));
    await waitFor(() => seen.includes('committed'));
    await new Promise((r) => setTimeout(r, 1200)); // two more polls: the rolled-back one must not appear
    expect(seen).toEqual(['committed']);
  });
});
