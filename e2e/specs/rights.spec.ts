/**
 * Rights in a real browser (issue 17 "A browser test"): (1) an operator registers the product-operation right of
 * its product with the registration wizard; (2) the registry reviews and publishes it, it shows on the public
 * publicity board, and publicity ends (the server's test clock moves past it); (3) the certificate is issued;
 * (4) the public page verifies it from the link its QR code holds; (5) the certificate PDF opens (rendered by
 * pdf.js in the browser) and its QR code is read back from the rendered page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { apiClient, REPO_ROOT, screenshot, seriousAxeViolations, specServer, tick } from '../lib/harness';

// The server runs on a clock the test can move (server/src/e2e-clock.ts): publicity lasts working days.
const spec = specServer({ SHUYUN_E2E_CLOCK: '1' });
const as = spec.as;
const state: { regNo?: string; regId?: string; certNo?: string; productName?: string } = {};

/** The QR code in a PNG (a screenshot or the server's qr.png), decoded. */
function readQr(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
}

/** Picks an option of the antd Select labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

describe('rights web (issue 17)', () => {
  test('1. an operator registers the product-operation right of its product with the wizard', async () => {
    const op = await apiClient(spec.server, 'operator.admin');
    const me = await op.get('/me');
    const product = (await op.get('/products?pageSize=200')).items.find(
      (p: { operatorOrgId: string }) => p.operatorOrgId === me.org.id,
    );
    assert.ok(product, 'the demo operator has a product');
    state.productName = product.name;
    const registry = (await op.get('/rights-registries')).registries.find((r: { name: string }) =>
      r.name.includes('罗湖'),
    );
    await as('operator.admin', 'rights-wizard', async (page) => {
      await page.goto('/rights/registrations/new');
      await page.getByRole('heading', { name: '数据权属登记申请' }).waitFor();
      assert.deepEqual(await seriousAxeViolations(page), [], 'the wizard passes axe (as the page walk checks)');
      await choose(page, '登记机构', registry.name);
      await choose(page, '适用登记规则', '深圳规则');
      await screenshot(page, 'rights-wizard-1-registry');
      await page.getByRole('button', { name: '下一步' }).click();
      await choose(page, '权利类型', '数据产品经营权');
      await page.getByRole('button', { name: '下一步' }).click();
      await choose(page, '选择本单位的数据产品', product.name);
      assert.equal(await page.getByLabel('名称', { exact: true }).inputValue(), product.name);
      await page.getByLabel('取得方式', { exact: true }).fill('公共数据授权运营');
      await page.getByLabel('使用范围', { exact: true }).fill('珠海市');
      await page.getByLabel('应用场景', { exact: true }).fill('金融风控');
      await page.getByLabel('应用场景', { exact: true }).press('Enter');
      await screenshot(page, 'rights-wizard-2-object');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.locator('input[type=file]').setInputFiles({
        name: '实质性审查报告.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 substantive review report'),
      });
      await page.getByRole('cell', { name: '实质性审查报告.pdf' }).waitFor();
      await tick(page.getByLabel(/本单位声明/));
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByText('申请内容').waitFor();
      await screenshot(page, 'rights-wizard-3-review');
      const body = await page.locator('.ant-descriptions').innerText();
      assert.match(body, /数据产品经营权/);
      assert.match(body, new RegExp(product.name));
      assert.doesNotMatch(body, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no raw id in the summary');
      await page.getByRole('button', { name: '提交申请' }).click();
      const done = page.getByText(/已提交登记申请 SHENZHEN-R-\d{4}-\d{6}/);
      await done.waitFor();
      state.regNo = (await done.innerText()).match(/SHENZHEN-R-\d{4}-\d{6}/)?.[0];
      await screenshot(page, 'rights-wizard-4-submitted');
    });
    const mine = await op.get('/rights-registrations?role=mine&pageSize=200');
    const reg = mine.items.find((r: { registrationNo: string }) => r.registrationNo === state.regNo);
    assert.equal(reg.state, 'submitted');
    assert.equal(reg.rightType, 'product_operation');
    assert.equal(reg.objectInfo.name, product.name);
    state.regId = reg.id;
  });

  test('2. the registry reviews and publishes it; it is on the public board; publicity ends', async () => {
    assert.ok(state.regId, 'step 1 registered an application');
    const url = `/rights-registrations/${state.regId}`;
    const registry = await apiClient(spec.server, 'luohu.reviewer');
    await registry.post(`${url}/accept`);
    await registry.post(`${url}/formal-review`);
    const evaluator = await apiClient(spec.server, 'evaluator.admin');
    const evaluatorOrg = (await evaluator.get('/me')).org.id;
    await registry.post(`${url}/commission`, { evaluatorOrgId: evaluatorOrg });
    await evaluator.post(`${url}/report`, { passed: true, summary: '八项核查通过', reportSm3: 'a'.repeat(64) });
    await as('luohu.reviewer', 'rights-review-desk', async (page) => {
      await page.goto('/rights/review');
      await page.getByRole('cell', { name: state.regNo! }).waitFor();
      await screenshot(page, 'rights-review-desk');
    });
    const decided = await registry.post(`${url}/decide`, { outcome: 'pass' });
    assert.equal(decided.state, 'publicity');
    await as(null, 'rights-publicity', async (page) => {
      await page.goto('/public/publicity');
      const row = page.getByRole('row', { name: new RegExp(state.regNo!) });
      await row.waitFor();
      assert.match(await row.innerText(), /数据产品经营权/);
      await row.getByRole('button', { name: '提出异议' }).waitFor();
      assert.deepEqual(await seriousAxeViolations(page), []);
      await screenshot(page, 'rights-publicity');
    });
    // Publicity is 5 working days here at most a couple of weeks: move 45 days on and let the clocks run.
    const moved = await registry.post('/e2e/clock/advance', { days: 45 });
    assert.deepEqual(
      moved.failed.filter((n: string) => n.startsWith('rights')),
      [],
    );
    const op = await apiClient(spec.server, 'operator.admin');
    const reg = await op.get(url);
    assert.equal(reg.state, 'registered');
    assert.match(reg.certificateNo, /^SZDR-\d{4}-\d{6}$/);
    state.certNo = reg.certificateNo;
  });

  test('3. the certificate is issued: on the public list, valid', async () => {
    assert.ok(state.certNo);
    await as(null, 'rights-public-list', async (page) => {
      await page.goto('/public/certificates');
      const row = page.getByRole('row', { name: new RegExp(state.certNo!) });
      await row.waitFor();
      assert.match(await row.innerText(), /有效/);
      await screenshot(page, 'rights-public-certificates');
    });
  });

  test('4. the public page verifies it from the link in its QR code', async () => {
    const no = encodeURIComponent(state.certNo!);
    const png = Buffer.from(
      await (await fetch(`${spec.server.baseUrl}/api/v1/public/certificates/${no}/qr.png`)).arrayBuffer(),
    );
    const link = readQr(png);
    assert.ok(link, 'the QR code decodes');
    const url = new URL(link!);
    assert.equal(decodeURIComponent(url.pathname), `/verify/certificates/${state.certNo}`);
    await as(null, 'rights-verify-from-qr', async (page) => {
      await page.goto(link!);
      await page.getByText('核验结果：通过').waitFor();
      await page.getByText('二维码中的内容摘要和签名与登记机构记录一致').waitFor();
      await page.getByText(state.productName!).first().waitFor();
      await screenshot(page, 'rights-verify-from-qr');
    });
  });

  test('5. the certificate PDF opens (pdf.js in the browser) and shows the QR code', async () => {
    const build = join(REPO_ROOT, 'node_modules/pdfjs-dist/build');
    const pdfUrl = `/api/v1/public/certificates/${encodeURIComponent(state.certNo!)}/certificate.pdf`;
    const viewer = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#777">
<canvas id="page"></canvas>
<script type="module">
import * as pdfjs from '/__pdfjs/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/__pdfjs/pdf.worker.mjs';
const doc = await pdfjs.getDocument(${JSON.stringify(pdfUrl)}).promise;
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: 2 });
const canvas = document.getElementById('page');
canvas.width = viewport.width; canvas.height = viewport.height;
await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
document.body.dataset.rendered = String(doc.numPages);
</script>`;
    await as(null, 'rights-certificate-pdf', async (page) => {
      await page.route('**/__pdfjs/**', (route) => {
        const file = new URL(route.request().url()).pathname.split('/').pop()!;
        if (file === 'viewer.html') return route.fulfill({ contentType: 'text/html', body: viewer });
        return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(build, file)) });
      });
      const pdf = await page.request.get(pdfUrl);
      assert.equal(pdf.status(), 200);
      assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
      await page.goto('/__pdfjs/viewer.html');
      await page.locator('body[data-rendered="1"]').waitFor({ timeout: 60_000 });
      const shot = await page.locator('#page').screenshot();
      await screenshot(page, 'rights-certificate-pdf');
      const link = readQr(shot);
      assert.ok(link, 'the QR code on the rendered PDF page decodes');
      const url = new URL(link!);
      assert.equal(decodeURIComponent(url.pathname), `/verify/certificates/${state.certNo}`);
      const bundle = await (
        await fetch(`${spec.server.baseUrl}/api/v1/public/certificates/${encodeURIComponent(state.certNo!)}`)
      ).json();
      assert.equal(url.searchParams.get('d'), bundle.log.leaf.contentDigest);
      assert.equal(url.searchParams.get('s'), bundle.signature.value);
    });
  });
});
