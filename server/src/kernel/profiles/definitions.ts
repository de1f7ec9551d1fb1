import type { ProfileDef } from './types.js';

/**
 * Named, versioned jurisdiction profiles (architecture §5). A key resolves in the chosen
 * profile, then its parents, then national-2025 (identity.md Jurisdiction.profileId).
 */
export const PROFILES: Record<string, ProfileDef> = {
  'national-2025': {
    id: 'national-2025',
    version: '2025.1',
    nameZh: '国家通用（2025）',
    source: 'national standards and 004 compilation',
  },
  zhuhai: { id: 'zhuhai', version: '2026.1', nameZh: '珠海市', parent: 'national-2025', source: '000, 001' },
  shenzhen: {
    id: 'shenzhen',
    version: '2025.1',
    nameZh: '深圳市',
    parent: 'national-2025',
    source: '003 (Shenzhen health data measures)',
  },
  sichuan: {
    id: 'sichuan',
    version: '2025.1',
    nameZh: '四川省',
    parent: 'national-2025',
    source: '004 (Sichuan sharing and opening measures)',
  },
  chongqing: {
    id: 'chongqing',
    version: '2025.1',
    nameZh: '重庆市',
    parent: 'national-2025',
    source: '004 (Chongqing sharing and opening measures)',
  },
  jiangsu: {
    id: 'jiangsu',
    version: '2025.1',
    nameZh: '江苏省',
    parent: 'national-2025',
    source: '004 (Jiangsu public data measures)',
  },
  xiamen: {
    id: 'xiamen',
    version: '2025.1',
    nameZh: '厦门市',
    parent: 'national-2025',
    source: '004 (Xiamen sharing and opening measures)',
  },
  jilin: {
    id: 'jilin',
    version: '2025.1',
    nameZh: '吉林省',
    parent: 'national-2025',
    source: '004 (Jilin public data measures)',
  },
  guizhou: {
    id: 'guizhou',
    version: '2025.1',
    nameZh: '贵州省',
    parent: 'national-2025',
    source: '004 (Guizhou data asset registration)',
  },
  guangdong: {
    id: 'guangdong',
    version: '2026.1',
    nameZh: '广东省',
    parent: 'national-2025',
    source: '004 (Guangdong data property registration draft)',
  },
  tianjin: {
    id: 'tianjin',
    version: '2026.1',
    nameZh: '天津市',
    parent: 'national-2025',
    source: '004 (T/TJIFA 003—2022)',
  },
  dali: {
    id: 'dali',
    version: '2026.1',
    nameZh: '大理州',
    parent: 'national-2025',
    source: '004 (Dali data asset registration)',
  },
  anhui: {
    id: 'anhui',
    version: '2026.1',
    nameZh: '安徽省',
    parent: 'national-2025',
    source: '004 (Anhui data property registration draft)',
  },
  beijing: {
    id: 'beijing',
    version: '2026.1',
    nameZh: '北京市',
    parent: 'national-2025',
    source: '003 (Beijing data IP guideline)',
  },
  luohu: { id: 'luohu', version: '2025.1', nameZh: '深圳市罗湖区', parent: 'shenzhen', source: '002' },
};
