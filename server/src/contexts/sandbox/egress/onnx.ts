import type { TextUnit } from './artifact-text.js';

/**
 * ONNX is a protobuf ModelProto (onnx.proto3), read without an ONNX library: a generic, bounded
 * protobuf walk reads every length-delimited payload as a nested message where it parses, and as
 * text where it is printable; a TensorProto of INT64 also gives its numbers (an ID column can hide
 * as integers). Each text is placed by the nearest named tensor or node.
 */
interface Field {
  no: number;
  wire: number;
  value: bigint | Buffer;
}

const MAX_DEPTH = 24;

/** Parses one protobuf message fully, or returns null (not a message: a string, packed numbers, or junk). */
export function parseMessage(buf: Buffer): Field[] | null {
  const out: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const tag = varint(buf, at);
    if (!tag) return null;
    at = tag.next;
    const no = Number(tag.value >> 3n);
    const wire = Number(tag.value & 7n);
    if (no < 1 || no > 536870911) return null;
    if (wire === 0) {
      const v = varint(buf, at);
      if (!v) return null;
      out.push({ no, wire, value: v.value });
      at = v.next;
    } else if (wire === 2) {
      const len = varint(buf, at);
      if (!len || len.next + Number(len.value) > buf.length) return null;
      out.push({ no, wire, value: buf.subarray(len.next, len.next + Number(len.value)) });
      at = len.next + Number(len.value);
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (at + n > buf.length) return null;
      out.push({ no, wire, value: buf.subarray(at, at + n) });
      at += n;
    } else return null;
  }
  return out;
}

function varint(buf: Buffer, at: number): { value: bigint; next: number } | null {
  let v = 0n;
  for (let i = 0; i < 10 && at + i < buf.length; i++) {
    const b = buf[at + i]!;
    v |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (!(b & 0x80)) return { value: v, next: at + i + 1 };
  }
  return null;
}

const printable = (b: Buffer) => {
  if (!b.length) return false;
  const s = b.toString('utf8');
  return !s.includes('\uFFFD') && !/[\u0000-\u0008\u000e-\u001f]/.test(s);
};

/** ModelProto: field 1 ir_version (varint) and field 7 graph (a message). */
export function isOnnx(buf: Buffer): boolean {
  const top = parseMessage(buf);
  return (
    !!top &&
    top.some((f) => f.no === 1 && f.wire === 0) &&
    top.some((f) => f.no === 7 && f.wire === 2 && parseMessage(f.value as Buffer) !== null)
  );
}

/** Every text of the model, one unit per named tensor / node (the name is where a finding is reported). */
export function onnxText(buf: Buffer): TextUnit[] {
  const units = new Map<string, string[]>();
  walk(buf, 'model', 0, units);
  return [...units].map(([where, texts]) => ({ where, text: texts.join('\n') }));
}

function walk(buf: Buffer, where: string, depth: number, units: Map<string, string[]>): void {
  const fields = parseMessage(buf);
  if (!fields || depth > MAX_DEPTH) return;
  // TensorProto and NodeProto both carry their name in a string field (8 and 3): report under it.
  const name = fields.find((f) => (f.no === 8 || f.no === 3) && f.wire === 2 && printable(f.value as Buffer));
  const here = name ? `${where} › ${(name.value as Buffer).toString('utf8').slice(0, 80)}` : where;
  const add = (t: string) => units.set(here, [...(units.get(here) ?? []), t]);
  for (const f of fields) {
    if (f.wire !== 2) continue;
    const b = f.value as Buffer;
    if (printable(b)) add(b.toString('utf8'));
    if (parseMessage(b)) walk(b, here, depth + 1, units);
  }
  const dataType = fields.find((f) => f.no === 2 && f.wire === 0)?.value;
  if (dataType === 7n) for (const n of int64s(fields)) add(n);
}

// TensorProto INT64: int64_data (field 7, packed varints) or raw_data (field 9, little-endian).
function int64s(fields: Field[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.wire !== 2) continue;
    const b = f.value as Buffer;
    if (f.no === 9) for (let i = 0; i + 8 <= b.length; i += 8) out.push(b.readBigInt64LE(i).toString());
    if (f.no === 7)
      for (let at = 0; at < b.length; ) {
        const v = varint(b, at);
        if (!v) break;
        out.push(BigInt.asIntN(64, v.value).toString());
        at = v.next;
      }
  }
  return out;
}
