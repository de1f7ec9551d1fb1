import { deflateSync } from 'node:zlib';
import { idNumberFor } from './enterprise-data.js';

// Artifacts for the EGR-08 tests and the demo: small real files of each allow-listed format, built here
// byte by byte (ONNX, PNG) or with the libraries the server already ships (xlsx, docx, pdf in the tests).

/** A protobuf field: varint, or length-delimited bytes/message. */
function pbVarint(n: number | bigint): Buffer {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
const pbField = (no: number, v: number | bigint | Buffer | string): Buffer =>
  typeof v === 'number' || typeof v === 'bigint'
    ? Buffer.concat([pbVarint(no << 3), pbVarint(v)])
    : Buffer.concat([pbVarint((no << 3) | 2), pbVarint(Buffer.byteLength(v)), Buffer.from(v)]);

/** An ONNX ModelProto with one float weight tensor and, when `idColumn` is set, a STRING initializer of ID numbers. */
export function onnxModel(o: { idColumn?: string; rows?: number } = {}): Buffer {
  const weights = Buffer.alloc(16);
  [0.25, -1.5, 3, 0.125].forEach((w, i) => weights.writeFloatLE(w, i * 4));
  const w = Buffer.concat([pbField(1, 4), pbField(2, 1), pbField(8, 'coef'), pbField(9, weights)]);
  const initializers = [pbField(5, w)];
  if (o.idColumn) {
    const ids = Array.from({ length: o.rows ?? 5 }, (_, i) => pbField(6, idNumberFor(i + 1)));
    initializers.push(
      pbField(5, Buffer.concat([pbField(1, ids.length), pbField(2, 8), ...ids, pbField(8, o.idColumn)])),
    );
  }
  const node = Buffer.concat([
    pbField(1, 'x'),
    pbField(1, 'coef'),
    pbField(2, 'y'),
    pbField(3, 'matmul'),
    pbField(4, 'MatMul'),
  ]);
  const graph = Buffer.concat([pbField(1, node), pbField(2, 'credit_score'), ...initializers]);
  return Buffer.concat([pbField(1, 8), pbField(2, 'shuyun-test'), pbField(7, graph)]);
}

/** A JSON model (coefficients), optionally carrying a lookup table with an ID column. */
export function jsonModel(o: { idColumn?: string } = {}): Buffer {
  const model: Record<string, unknown> = { algorithm: 'logistic_regression', coef: { 注册资本: 0.12, 成立年限: -0.4 } };
  if (o.idColumn) model.lookup = { [o.idColumn]: [1, 2, 3, 4].map(idNumberFor), score: [0.1, 0.5, 0.7, 0.2] };
  return Buffer.from(JSON.stringify(model, null, 2));
}

/** A PMML regression model; `leak` puts a mobile number in its DataDictionary. */
export function pmmlModel(o: { leak?: boolean } = {}): Buffer {
  const values = o.leak ? '<Value value="13812345678"/>' : '<Value value="香洲区"/>';
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<PMML version="4.4" xmlns="http://www.dmg.org/PMML-4_4"><Header/>` +
      `<DataDictionary numberOfFields="1"><DataField name="district" optype="categorical" dataType="string">${values}</DataField></DataDictionary>` +
      '<RegressionModel functionName="regression"/></PMML>',
  );
}

/** A 1×1 PNG with a tEXt chunk (`comment`). */
export function pngImage(comment = '企业分布图'): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart/form-data body: the text fields first, then the file (the order the artifact route reads). */
export function artifactForm(fields: Record<string, string | undefined>, filename: string, content: Buffer) {
  const boundary = `----shuyun${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined)
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
