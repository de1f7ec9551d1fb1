// Test helpers for imports (SBX-11): a multipart body with form fields before the file, and identifier-shaped
// values that pass their checksums (so the upload scan finds them as it would in real data).

/** multipart/form-data with text fields first, then one file part (the order a browser form sends). */
export function importForm(fields: Record<string, string | undefined>, filename: string, content: string | Buffer) {
  const boundary = `----shuyun${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A 身份证号 with a valid GB 11643 check digit, born 1970–1999 in 440303. */
export function idNumber(i: number): string {
  const body = `440303${1970 + (i % 30)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(100 + (i % 900)).padStart(3, '0')}`;
  let sum = 0;
  for (let j = 0; j < 17; j++) sum += Number(body[j]) * ID_W[j]!;
  return body + '10X98765432'[sum % 11]!;
}

/** A customer list of the operator's own: USCC (to join the Grant's view), 法人身份证号, 手机号 and a credit line. */
export function customerCsv(usccs: string[]): string {
  const lines = ['统一社会信用代码,法人身份证号,联系手机,授信额度'];
  usccs.forEach((u, i) =>
    lines.push(`${u},${idNumber(i)},1${38 + (i % 2)}${String(10000000 + i * 7919).slice(0, 8)},${(i + 1) * 10000}`),
  );
  return `${lines.join('\n')}\n`;
}

export const SOURCE = {
  sourceBasis: 'own_business',
  sourceDescription: '本公司信贷业务系统导出的存量客户名单（2026 年 11 月）',
  sourceReference: 'CRM-EXPORT-2026-11',
};
