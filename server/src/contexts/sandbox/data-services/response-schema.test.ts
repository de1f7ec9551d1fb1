import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { openPayloadWith } from '../../../kernel/crypto/keyring.js';
import { ensureSandboxDemo } from '../test/factories.js';
import { runtimeOf } from './gateway.js';
import { enforceResponse, responseSchemaOf } from './response-schema.js';

describe('SVC-08 enforceResponse keeps exactly what the template schema allows', () => {
  const stats = responseSchemaOf({ kind: 'statistics', view: 'v', groupBy: ['所属区'] });
  it('drops an unknown key, a mistyped count and a row with neither count nor suppressed, naming each path', () => {
    const r = enforceResponse(stats, {
      rows: [
        { 所属区: '香洲区', count: 120, 法定代表人身份证号: 'x' },
        { 所属区: '金湾区', count: '12' },
        { 所属区: '斗门区', suppressed: true },
      ],
      debug: { sql: 'SELECT …' },
    });
    expect(r.body).toEqual({
      rows: [
        { 所属区: '香洲区', count: 120 },
        { 所属区: '斗门区', suppressed: true },
      ],
    });
    expect(r.dropped).toEqual(['rows[0].法定代表人身份证号', 'rows[1].count', 'rows[1]', 'debug']);
  });
  it('a verification answers `result` only, and only match / no_match', () => {
    const v = responseSchemaOf({ kind: 'verification', view: 'v', params: [] });
    expect(enforceResponse(v, { result: 'match', name: '张伟' })).toEqual({
      body: { result: 'match' },
      dropped: ['name'],
    });
    expect(enforceResponse(v, { result: 'not_found' }).body).toEqual({});
  });
  it('a valid answer passes unchanged with nothing dropped', () => {
    const ok = { rows: [{ 所属区: null, count: 0 }], truncated: true };
    expect(enforceResponse(stats, ok)).toEqual({ body: ok, dropped: [] });
  });
});

describe('SVC-08 through the gateway: a faulty runtime cannot leak past the schema', () => {
  let t: TestApp;
  let dev: Client;
  beforeAll(async () => {
    t = await startTestApp();
    await ensureSandboxDemo(t.kernel);
    dev = await t.as('operator.dev');
  }, 180_000);
  afterAll(async () => t?.close());
  // The audit payload is sealed (LED payloads): opened here with the deployment's master key.
  const dropAudits = async () =>
    (
      await sql<{
        payload_key_enc: Buffer;
        payload_enc: Buffer;
      }>`SELECT l.payload_key_enc, l.payload_enc FROM event e JOIN ledger_entry l ON l.event_id = e.id
         WHERE e.event_type = 'service.response_dropped' AND e.object_id = ${DEMO_SERVICES.stats}`.execute(t.kernel.db)
    ).rows.map((r) =>
      openPayloadWith<{ after: { dropped: string[] } }>(t.kernel.secrets.masterKeys, r.payload_key_enc, r.payload_enc),
    );

  it('answers the statistics template as its schema says, logging nothing when nothing is outside', async () => {
    const r = await dev.post(`/api/v1/services/${DEMO_SERVICES.stats}/test`, {});
    expect(r.statusCode, r.body).toBe(200);
    for (const row of r.json().rows) expect(Object.keys(row).sort()).toEqual(expect.arrayContaining(['所属区']));
    expect(await dropAudits()).toEqual([]);
  });

  it('drops a column the runtime should never have produced, and logs its path', async () => {
    const loaded = await runtimeOf(DEMO_SERVICES.stats)!;
    if (loaded.runtime.kind !== 'statistics') throw new Error('kind');
    loaded.runtime.rows.push({ 所属区: '测试区', count: 99, 身份证号: '44040219600101000X' });
    try {
      const r = await dev.post(`/api/v1/services/${DEMO_SERVICES.stats}/test`, {});
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain('身份证号');
      expect(r.json().rows).toContainEqual({ 所属区: '测试区', count: 99 });
      const audits = await dropAudits();
      expect(audits).toHaveLength(1);
      expect(audits[0]!.after.dropped[0]).toMatch(/^rows\[\d+\]\.身份证号$/);
      expect(JSON.stringify(audits)).not.toContain('44040219600101000X');
    } finally {
      loaded.runtime.rows.pop();
    }
  });
});
