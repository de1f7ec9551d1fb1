import { resolve } from 'node:path';
import { loadProfile, type Profile } from '../../../kernel/profiles/index.js';
import { sampleCsv } from './csv.js';
import { scoreColumn, type ColumnResult, type ScoreOptions } from './score.js';
import type { Grade } from '../model.js';

/** Scan options from the profile (DET-01 sampleSize, DET-03 threshold, DET-04 floor rules). */
export function scoreOptions(p: Profile): ScoreOptions & { sampleSize: number } {
  return {
    sampleSize: p.get<number>('detect.sampleSize'),
    suggestThreshold: p.get<number>('detect.suggestThreshold'),
    minMatchRatio: p.get<number>('detect.minMatchRatio'),
    textMinShare: p.get<number>('detect.textMinShare'),
    floorRules: p.get<{ types: string[]; grade: Grade }[]>('classification.floorRules'),
  };
}

/** Scans a CSV file: one result per column (DET-01). */
export function scanCsvFile(
  path: string,
  o: ScoreOptions & { sampleSize: number },
): { rows: number; bytes: number; columns: ColumnResult[] } {
  const s = sampleCsv(path, o.sampleSize);
  return { rows: s.rows, bytes: s.bytes, columns: s.header.map((h, i) => scoreColumn(h, s.values[i]!, o)) };
}

/** `npm run cli -- scan <file.csv>`: one JSON object per line per column (DET-01 output shape). */
export async function scanCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: scan <file.csv> [--profile=zhuhai]');
    return 2;
  }
  const profileId = args.find((a) => a.startsWith('--profile='))?.slice(10) ?? process.env.SHUYUN_PROFILE ?? 'zhuhai';
  const r = scanCsvFile(resolve(file), scoreOptions(loadProfile(profileId)));
  for (const c of r.columns) {
    console.log(
      JSON.stringify({
        column: c.column,
        // text_pii adds its share and per-kind counts (decision 0064).
        detected: c.detected.map((d) => ({
          type: d.type,
          confidence: d.confidence,
          matches: d.matches,
          sampled: d.sampled,
          suggested: d.suggested,
          ...(d.embedded ? { matchRatio: d.matchRatio, embedded: d.embedded } : {}),
        })),
        suggestedGrade: c.suggestedGrade,
        personalInfo: c.personalInfo,
        sensitivePersonalInfo: c.sensitivePersonalInfo,
      }),
    );
  }
  return 0;
}
