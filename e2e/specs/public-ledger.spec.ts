/**
 * The public ledger page as a visitor with no account sees it (ledger.md "What users see"):
 * a signed checkpoint right after start (issue 12 finding 9), and a pasted proof that cannot be
 * read answered in words, never with the parser's message (issue 14).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rawTextFindings, screenshot, specServer } from '../lib/harness';

const spec = specServer();

describe('public ledger page', () => {
  test('shows a signed checkpoint right after start, and explains a malformed proof in Chinese', async () => {
    await spec.as(null, 'public-ledger', async (page) => {
      await page.goto(`${spec.server.baseUrl}/public/ledger`);
      await page.getByText('签名有效').waitFor();
      await page.getByLabel('证明 JSON').fill('{"seq": 0, "treeSize": 8, "leafHash": "zz"');
      await page
        .getByRole('button', { name: '核 验' })
        .or(page.getByRole('button', { name: '核验' }))
        .first()
        .click();
      await page.getByText('无法读取：请粘贴从本平台下载的包含证明').waitFor();
      const text = await page.evaluate(() => document.body.innerText);
      assert.doesNotMatch(text, /SyntaxError|Unexpected|JSON at position|not hex/);
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'public-ledger-malformed');
    });
  });
});
