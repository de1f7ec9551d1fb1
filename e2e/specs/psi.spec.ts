/** The buyer's PSI page in a real browser (issue 19, sandbox.md PSI-01…05): the list is blinded in the browser. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { screenshot, specServer } from '../lib/harness';
import { usccFor } from '../../server/src/contexts/sandbox/test/enterprise-data';
import { demoId } from '../../server/src/seed/ids';

const spec = specServer();

/** The platform's 统一社会信用代码 as the test's ground truth: the 核验 Workspace's 企业登记信息 view (企业名称 beside it). */
async function platformUsccs(dataDir: string): Promise<string[]> {
  const dir = join(dataDir, 'workspaces', demoId('workspace:verify:zh-operator'), 'views');
  const files = readdirSync(dir).filter((f) => f.endsWith('.parquet'));
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    for (const f of files) {
      const path = join(dir, f).replaceAll("'", "''");
      try {
        const r = await c.runAndReadAll(
          `SELECT DISTINCT 统一社会信用代码 FROM read_parquet('${path}') WHERE 企业名称 IS NOT NULL`,
        );
        const out = r.getRows().map((x) => String(x[0]));
        if (out.length >= 30) return out;
      } catch {
        // not the enterprise view: next file
      }
    }
    throw new Error('no enterprise view under the data dir');
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

describe('psi web', () => {
  test('buyer.admin runs a PSI against 企业登记信息核验 and sees the matched count', async () => {
    const platform = await platformUsccs(spec.server.dataDir);
    const held = new Set(platform);
    const members = platform.slice(0, 30);
    const others: string[] = [];
    for (let i = 900_000; others.length < 90; i++) if (!held.has(usccFor(i))) others.push(usccFor(i));
    const csv = ['客户编号,统一社会信用代码', ...[...members, ...others].map((u, i) => `C${i},${u}`)].join('\n');
    await spec.as('buyer.admin', 'psi-buyer', async (page) => {
      await page.goto('/services/psi');
      await page.getByText('隐私求交（PSI）').first().waitFor();
      await page.getByRole('combobox', { name: '数据服务' }).click();
      await page.getByTitle('企业登记信息核验').first().click();
      await page.getByText('成员模式（返回匹配的条目）').click();
      await page.locator('input[type=file]').setInputFiles({
        name: '客户名单.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.getByText('已选择：客户名单.csv').waitFor();
      await screenshot(page, 'psi-form');
      // Nothing but blinded points leaves the browser: watch every request body.
      const bodies: string[] = [];
      page.on('request', (r) => {
        const b = r.postData();
        if (b) bodies.push(b);
      });
      await page.getByRole('button', { name: '开始求交' }).click();
      await page.getByText('求交结果').waitFor({ timeout: 120_000 });
      const matched = page
        .locator('.ant-statistic')
        .filter({ hasText: '匹配数' })
        .locator('.ant-statistic-content-value');
      assert.equal((await matched.innerText()).replace(/,/g, ''), '30');
      await page.getByRole('cell', { name: members[0]! }).waitFor();
      for (const u of [...members, ...others]) assert.ok(!bodies.some((b) => b.includes(u)), `${u} was sent`);
      await page.getByRole('cell', { name: '已完成' }).first().waitFor();
      await screenshot(page, 'psi-result');
    });
  });
});
