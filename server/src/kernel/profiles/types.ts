/** Parameters of one policy area, per named profile; national-2025 holds every key. */
export type ParamTable = Record<string, Record<string, unknown>>;

export interface ProfileDef {
  id: string;
  version: string;
  nameZh: string;
  parent?: string;
  source: string;
}
