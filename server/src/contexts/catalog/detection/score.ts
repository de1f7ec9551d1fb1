import { DETECTORS, type Detector } from './detectors.js';
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

/** Scores a column's sampled non-null values against every DET-02 detector. */
export function scoreColumn(header: string, values: string[], o: ScoreOptions): ColumnResult {
  const detected: ColumnDetection[] = [];
  const n = values.length;
  for (const d of DETECTORS) {
    const hit = headerHit(d, header);
    if (d.requiresKeyword && !hit) continue;
    let shaped = 0, passed = 0;
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
      type: d.type, confidence, matches: d.checksum ? passed : shaped, sampled: n, matchRatio: round2(shaped / n),
      checksumPassRatio: passRatio === null ? null : round2(passRatio), headerKeywordHit: hit, suggested: confidence >= o.suggestThreshold,
    });
  }
  detected.sort((a, b) => b.confidence - a.confidence);
  return { column: header, detected, ...flagsOf(detected.filter((x) => x.suggested).map((x) => x.type), o), maskedExamples: values.slice(0, 3).map(maskValue) };
}

const SENSITIVE: Record<string, string> = { id_number: 'specific_identity', passport: 'specific_identity', bank_card: 'financial_account' };
const PERSONAL = new Set(['id_number', 'passport', 'bank_card', 'mobile', 'landline', 'person_name', 'address', 'email', 'license_plate', 'ip', 'birth_date']);

/** DET-04 flags and the floor-rule grade for a set of suggested types. */
export function flagsOf(types: string[], o: Pick<ScoreOptions, 'floorRules'>) {
  let grade: Grade = 'general';
  for (const r of o.floorRules) if (r.types.some((t) => types.includes(t)) && GRADE_RANK[r.grade] > GRADE_RANK[grade]) grade = r.grade;
  const sens = types.map((t) => SENSITIVE[t]).find(Boolean) ?? null;
  const pi = types.some((t) => PERSONAL.has(t));
  const category = sens ? `个人信息/敏感个人信息/${sens === 'financial_account' ? '金融账户' : '特定身份'}`
    : pi ? '个人信息/一般个人信息' : types.includes('uscc') ? '组织信息/组织标识' : '公共数据/一般数据';
  return { suggestedGrade: grade, personalInfo: pi, sensitivePersonalInfo: !!sens, sensitiveCategory: sens, category };
}

/** Keeps the first and last quarter of a value, stars in between (DET-01: masked examples only). */
export function maskValue(v: string): string {
  const chars = [...v];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  const keep = Math.max(1, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - 2 * keep) + chars.slice(-keep).join('');
}
