/** Catalog in a real browser: upload → suggested grades → confirm → register → registry accepts → public publicity (issue 04). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { asUser, closeBrowser, screenshot, startServer, type ServerHandle } from '../lib/harness';
import { gradeAndFileRegistration } from '../lib/catalog';

let server: ServerHandle;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.stop();
});

const as = <T>(user: string | null, name: string, fn: (page: Page) => Promise<T>) => asUser(server, user, name, fn);

// GB 11643 check digit, so the scanner's checksum detector sees valid numbers.
function idNumber(i: number): string {
  const body = `440402198${i % 10}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, k) => s + Number(d) * w[k]!, 0);
  return body + '10X98765432'[sum % 11];
}

function complaintsCsv(): Buffer {
  const names = ['陈静', '王伟', '李娜', '张敏', '刘洋', '黄磊'];
  const rows = ['投诉编号,投诉人姓名,投诉人证件号码,联系电话,投诉内容'];
  for (let i = 0; i < 400; i++)
    rows.push(
      `TS2026${String(i).padStart(6, '0')},${names[i % names.length]},${idNumber(i)},139${String(10000000 + i * 7).slice(0, 8)},商品质量问题`,
    );
  return Buffer.from(rows.join('\n') + '\n');
}

describe('catalog web', () => {
  test('source unit uploads, confirms suggested grades and registers; the registry accepts; the public page shows the notice', async () => {
    await as('source.admin', 'catalog-upload', async (page) => {
      await page.goto(`/catalog?q=${encodeURIComponent('消费投诉')}`);
      await page.getByRole('link', { name: '消费投诉举报信息' }).click();
      await page.getByRole('heading', { name: '消费投诉举报信息' }).waitFor();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: '选择文件上传' }).click(),
      ]);
      await chooser.setFiles({ name: 'complaints.csv', mimeType: 'text/csv', buffer: complaintsCsv() });
      await page.getByText('已上传 400 行').waitFor();
      // The suggestions wait for a human (DET-05): ID number is sensitive, mobile and name are personal.
      await page.getByRole('cell', { name: '居民身份证号' }).waitFor();
      await page.getByRole('cell', { name: '手机号码' }).waitFor();
      assert.ok((await page.getByRole('cell', { name: '待确认' }).count()) >= 3);
      await screenshot(page, 'catalog-detection-review');
      await page.getByRole('button', { name: '全部采纳建议' }).click();
      await page.getByRole('button', { name: '其余数据项确认为一般数据' }).click();
      await gradeAndFileRegistration(page);
    });
    await as('authority.admin', 'catalog-registry', async (page) => {
      await page.goto('/catalog/registrations');
      await page.getByRole('heading', { name: '公共数据资源登记受理' }).waitFor();
      // Each decision is taken in the filing's dossier and confirmed (issue 14).
      await page.getByRole('button', { name: '审查 消费投诉举报信息' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '登记审查：消费投诉举报信息' });
      for (const [button, path] of [
        ['受理', '/accept'],
        ['开始形式审查', '/start_review'],
        ['发布公示', '/post_publicity'],
      ] as const) {
        await drawer.getByRole('button', { name: button, exact: true }).click();
        const modal = page.locator('.ant-modal-content').filter({ hasText: '消费投诉举报信息' }).last();
        await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(path) && r.ok()),
          modal.getByRole('button', { name: button, exact: true }).click(),
        ]);
        await modal.waitFor({ state: 'hidden' });
      }
      await page.keyboard.press('Escape');
      await page.getByRole('row', { name: /消费投诉举报信息.*公示中/ }).waitFor();
      await screenshot(page, 'catalog-registry-desk');
    });
    await as(null, 'catalog-public', async (page) => {
      await page.goto('/public/registrations');
      await page.getByText('消费投诉举报信息').waitFor();
      assert.equal(await page.getByText('陈静').count(), 0); // no samples or personal data on the public page (REG-05)
      await screenshot(page, 'catalog-public-publicity');
    });
  });
});
