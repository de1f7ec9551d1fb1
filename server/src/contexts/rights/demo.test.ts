import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ok } from './test/factories.js';
import { qrLink } from './usecases/qr.js';

// Demo data (issue 17): certificates of each right type, one pledged, one under objection, all verifiable.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('rights demo data', () => {
  it('lists registered certificates of each right type on the public list', async () => {
    const list = await ok(t.anonymous.get('/api/v1/public/certificates?pageSize=100'));
    expect(list.items.length).toBeGreaterThanOrEqual(4);
    const rights = new Set<string>();
    for (const item of list.items) {
      const b = await ok(t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(item.number)}`));
      // The labs demo's plaque (kind lab_plaque, issue 18) is listed too but carries no right type.
      if (b.certificate.kind !== 'lab_plaque') rights.add(b.certificate.rightType);
      const v = await ok(t.anonymous.post('/api/v1/public/certificates/verify', { bundle: b }));
      expect(v.result, item.number).toBe('通过');
    }
    expect([...rights].sort()).toEqual(['data_ip', 'processing_use', 'product_operation', 'resource_holding']);
  });

  it('has one pledged certificate and one under objection', async () => {
    const list = await ok(t.anonymous.get('/api/v1/public/certificates?pageSize=100'));
    const bundles = await Promise.all(
      list.items.map((i: { number: string }) =>
        ok(t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(i.number)}`)),
      ),
    );
    expect(bundles.filter((b) => b.encumbrances.some((e: { type: string }) => e.type === 'pledge'))).toHaveLength(1);
    expect(bundles.filter((b) => b.objectionNotes.some((n: { removed: boolean }) => !n.removed))).toHaveLength(1);
  });
});

describe('certificate QR code', () => {
  it('answers a PNG whose link carries the number, the content digest and the signature', async () => {
    const list = await ok(t.anonymous.get('/api/v1/public/certificates'));
    const no = list.items[0].number;
    const res = await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(no)}/qr.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const b = await ok(t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(no)}`));
    const link = new URL(qrLink('https://shuyun.example', b));
    expect(link.pathname).toBe(`/verify/certificates/${encodeURIComponent(no)}`);
    expect(link.searchParams.get('d')).toBe(b.log.leaf.contentDigest);
    expect(link.searchParams.get('s')).toBe(b.signature.value);
  });
});

describe('rights demo data: asset register', () => {
  it('has an asset card with its valuation history and a public data asset with an authorization mark', async () => {
    const operator = await t.as('operator.admin');
    const cards = await ok(operator.get('/api/v1/data-assets?q=罗湖区企业经营状态指数'));
    expect(cards.items).toHaveLength(1);
    expect(cards.items[0]).toMatchObject({ bookStatus: 'carded', accounting: { class: 'intangible' } });
    const history = await ok(operator.get(`/api/v1/valuations?dataAssetId=${cards.items[0].id}`));
    expect(history.items.map((v: { baseDate: string }) => v.baseDate)).toEqual(['2025-06-30', '2026-01-31']);
    const source = await t.as('source.admin');
    const pub = await ok(source.get('/api/v1/data-assets?isPublicDataAsset=true'));
    expect(pub.items[0]).toMatchObject({ name: '企业登记信息', marks: [{ rightType: 'product_operation' }] });
  });
});
