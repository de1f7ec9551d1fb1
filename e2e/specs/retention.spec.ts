/**
 * SBX-14 and LED-17 in a real browser: the authority revokes the 统计 Grant, the platform purges its
 * Workspaces and records each purge as a DestructionRecord, and a second person verifies it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exportedSheet, screenshot, specServer } from '../lib/harness';
import { DEMO_GRANTS } from '../../server/src/seed/sandbox';

const spec = specServer();
const as = spec.as;

/** The Grant sweep runs every minute: wait until the purge records exist (the API, as the page would read it). */
async function waitForPurges(page: Page, n: number): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const r = await page.request.get('/api/v1/destruction-records');
    const items = ((await r.json()).items ?? []) as { method: string }[];
    if (items.filter((i) => i.method === 'workspace_purge').length >= n) return;
    await page.waitForTimeout(2_000);
  }
  throw new Error('no workspace purge recorded within 150 s of revoking the Grant');
}

describe('retention desk', () => {
  test('authority.admin revokes a Grant; its Workspace is purged; the holder reads the record; authority.reviewer verifies it', async () => {
    await as('authority.admin', 'retention-revoke', async (page) => {
      await page.goto(`/authorization/grants/${DEMO_GRANTS.stats}`);
      await page.getByRole('button', { name: '撤销授权' }).click();
      await page.getByRole('textbox', { name: '撤销理由' }).fill('场景终止，依约撤销');
      await page.getByRole('button', { name: /^确\s?定$/ }).click();
      await page.getByText('已撤销').first().waitFor();
    });
    // The holder sees its purge record (with what was deleted) but may not verify it (LED-17).
    await as('operator.admin', 'retention-holder', async (page) => {
      await waitForPurges(page, 1); // the operator's Workspace on the 统计 Grant
      await page.goto('/ledger/destructions');
      await page
        .getByRole('row', { name: /已执行待核验/ })
        .first()
        .getByRole('link')
        .click();
      await page.getByText(/已删除对象及其 SM3/).waitFor();
      await page.getByText('销毁已由系统执行').waitFor();
      assert.equal(await page.getByRole('button', { name: '核验无残留' }).count(), 0);
    });
    await as('authority.reviewer', 'retention-verify', async (page) => {
      await page.goto('/ledger/destructions');
      await page.getByText('销毁记录台账').waitFor();
      const sheet = await exportedSheet(page);
      const methods = sheet.getColumn(4).values.slice(2).map(String);
      assert.equal(methods.filter((m) => m === '开发席位清除').length, 1);
      await page
        .getByRole('row', { name: /开发席位清除/ })
        .first()
        .getByRole('link')
        .click();
      await page.getByText('已执行待核验').first().waitFor();
      await page.getByText(/已删除对象及其 SM3（[1-9]\d* 项）/).waitFor();
      await page.getByRole('button', { name: '核验无残留' }).click();
      await page.getByRole('button', { name: /^确\s?定$/ }).click();
      await page.getByText('核验通过').first().waitFor();
      await page.getByText('无残留').first().waitFor();
      await screenshot(page, 'retention-verified');
    });
  });
});
