import { DETECTORS, type Detector } from './detectors.js';
import { embeddedKinds, maskIdentifiers, type EmbeddedKind } from './text.js';
import { GRADE_RANK, type Grade } from '../model.js';

/** One detector's finding on a column (catalog.md Detection, DET-03). */
export interface ColumnDetection {
  type: string;
  confidence: number;
  /** Values that matched (for checksum detectors: that passed the check). */
  matches: number;
  sampled: number;
  matchRatio: number;
  checksumPassRatio: number | null;
  headerKeywordHit: boolean;
  suggested: boolean;
  /** text_pii (DET-02 free text): sampled values holding each identifier kind. */
  embedded?: Partial<Record<EmbeddedKind, number>>;
}

export interface ColumnResult {
  column: string;
  detected: ColumnDetection[];
  suggestedGrade: Grade;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  sensitiveCategory: string | null;
  category: string;
  maskedExamples: string[];
}

export interface ScoreOptions {
  suggestThreshold: number;
  minMatchRatio: number;
  floorRules: { types: string[]; grade: Grade }[];
  /** DET-02 free text: share of values with an identifier inside free text that makes the column PI. */
  textMinShare: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function headerHit(d: Detector, header: string): boolean {
  const h = header.toLowerCase();
  return d.keywords.some((k) => h.includes(k.toLowerCase()));
}

/**
 * DET-03 confidence: heuristic 0.4, strict pattern 0.6, checksum 0.5 (0.8 when ≥ 90 % pass);
 * +0.1 header keyword; cap 0.95. Ours (decision 0031): pattern and heuristic detectors get
 * +0.1 when ≥ 90 % of the sample matches, so a name column under 姓名 reaches 0.6.
 */
function confidenceOf(d: Detector, matchRatio: number, passRatio: number | null, hit: boolean): number {
  let c = d.kind === 'checksum' ? (passRatio! >= 0.9 ? 0.8 : 0.5) : d.kind === 'pattern' ? 0.6 : 0.4;
  if (d.kind !== 'checksum' && matchRatio >= 0.9) c += 0.1;
  if (hit) c += 0.1;
  return round2(Math.min(c, 0.95));
}

/** Scores a column's sampled non-null values against every DET-02 detector, then for identifiers inside free text. */
export function scoreColumn(header: string, values: string[], o: ScoreOptions): ColumnResult {
  const detected: ColumnDetection[] = [];
  const n = values.length;
  for (const d of DETECTORS) {
    const hit = headerHit(d, header);
    if (d.requiresKeyword && !hit) continue;
    let shaped = 0,
      passed = 0;
    for (const v of values) {
      if (!d.shape(v)) continue;
      shaped++;
      if (d.checksum && d.checksum(v)) passed++;
    }
    if (n === 0 || shaped / n < o.minMatchRatio) continue;
    const passRatio = d.checksum ? passed / shaped : null;
    // A checksum detector whose values mostly fail the check is a look-alike, not a finding.
    if (passRatio !== null && passRatio < 0.5) continue;
    const confidence = confidenceOf(d, shaped / n, passRatio, hit);
    detected.push({
      type: d.type,
      confidence,
      matches: d.checksum ? passed : shaped,
      sampled: n,
      matchRatio: round2(shaped / n),
      checksumPassRatio: passRatio === null ? null : round2(passRatio),
      headerKeywordHit: hit,
      suggested: confidence >= o.suggestThreshold,
    });
  }
  const text = detected.some((x) => x.suggested && PERSONAL.has(x.type)) ? null : scoreText(header, values, o);
  if (text) detected.push(text.detection);
  detected.sort((a, b) => b.confidence - a.confidence);
  const types = detected.filter((x) => x.suggested).map((x) => x.type);
  return {
    column: header,
    detected,
    ...flagsOf(types, o, text?.detection.suggested ? text.kinds : []),
    maskedExamples: values.slice(0, 3).map((v) => maskValue(text ? maskIdentifiers(v) : v)),
  };
}

const TEXT_KEYWORDS = [
  '备注',
  '说明',
  '内容',
  '描述',
  '留言',
  '诉求',
  '意见',
  '摘要',
  '情况',
  'remark',
  'note',
  'comment',
  'content',
  'memo',
  'desc',
];

/**
 * DET-02 free text (ours, decision 0064): identifiers inside free text. Unlike DET-02's whole-value
 * detectors, a remark column is personal information when a small share of its values name a
 * person's phone or ID, so the bar is `detect.textMinShare`, not `minMatchRatio`. The share is
 * the detection's matchRatio; `embedded` counts values per identifier kind; kinds reaching the
 * bar also count as detected types for DET-04's flags and floor rules (就高从严: an ID number
 * inside a remark is still sensitive).
 */
function scoreText(
  header: string,
  values: string[],
  o: ScoreOptions,
): { detection: ColumnDetection; kinds: EmbeddedKind[] } | null {
  const n = values.length;
  let matches = 0;
  const embedded: Partial<Record<EmbeddedKind, number>> = {};
  for (const v of values) {
    const kinds = embeddedKinds(v);
    if (!kinds) continue;
    matches++;
    for (const k of kinds) embedded[k] = (embedded[k] ?? 0) + 1;
  }
  if (n === 0 || matches === 0 || matches / n < o.textMinShare) return null;
  const hit = TEXT_KEYWORDS.some((k) => header.toLowerCase().includes(k));
  // A strict pattern (DET-03 0.6); +0.1 for a free-text header, +0.1 when ≥ 90 % of values hold one.
  const confidence = round2(Math.min(0.6 + (hit ? 0.1 : 0) + (matches / n >= 0.9 ? 0.1 : 0), 0.95));
  const kinds = (Object.keys(embedded) as EmbeddedKind[]).filter((k) => embedded[k]! / n >= o.textMinShare);
  return {
    detection: {
      type: 'text_pii',
      confidence,
      matches,
      sampled: n,
      matchRatio: round2(matches / n),
      checksumPassRatio: null,
      headerKeywordHit: hit,
      suggested: confidence >= o.suggestThreshold,
      embedded,
    },
    kinds,
  };
}

const SENSITIVE: Record<string, string> = {
  id_number: 'specific_identity',
  passport: 'specific_identity',
  bank_card: 'financial_account',
};
const PERSONAL = new Set([
  'id_number',
  'passport',
  'bank_card',
  'mobile',
  'landline',
  'person_name',
  'address',
  'email',
  'license_plate',
  'ip',
  'birth_date',
  'text_pii',
]);

/**
 * DET-04 flags and the floor-rule grade for a set of suggested types; `embedded` are the
 * identifier kinds found inside free text, which flag and floor like the types themselves.
 */
export function flagsOf(suggested: string[], o: Pick<ScoreOptions, 'floorRules'>, embedded: readonly string[] = []) {
  const types = [...suggested, ...embedded];
  let grade: Grade = 'general';
  for (const r of o.floorRules)
    if (r.types.some((t) => types.includes(t)) && GRADE_RANK[r.grade] > GRADE_RANK[grade]) grade = r.grade;
  const sens = types.map((t) => SENSITIVE[t]).find(Boolean) ?? null;
  const pi = types.some((t) => PERSONAL.has(t));
  const category = sens
    ? `个人信息/敏感个人信息/${sens === 'financial_account' ? '金融账户' : '特定身份'}`
    : pi
      ? '个人信息/一般个人信息'
      : types.includes('uscc')
        ? '组织信息/组织标识'
        : '公共数据/一般数据';
  return { suggestedGrade: grade, personalInfo: pi, sensitivePersonalInfo: !!sens, sensitiveCategory: sens, category };
}

/** Keeps the first and last quarter of a value, stars in between (DET-01: masked examples only). */
export function maskValue(v: string): string {
  const chars = [...v];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  const keep = Math.max(1, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - 2 * keep) + chars.slice(-keep).join('');
}
