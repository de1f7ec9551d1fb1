import type { TFunction } from '../../i18n/I18nProvider';
import type { Grade } from './api';

export const GRADE_COLORS: Record<string, string> = { general: 'blue', important: 'orange', core: 'red' };
export const STATE_COLORS: Record<string, string> = { draft: 'default', classified: 'processing', published: 'success', suspended: 'warning', retired: 'default', pending: 'warning', accepted: 'success', rejected: 'error' };
export const GRADE_RANK: Record<Grade, number> = { general: 0, important: 1, core: 2 };

export const gradeLabel = (t: TFunction, g?: string | null) => (g ? t(`catalog.grade.${g}`) : t('catalog.detail.unclassified'));
export const stateLabel = (t: TFunction, s: string) => t(`catalog.state.${s}`);
export const regLabel = (t: TFunction, s: string) => t(`catalog.reg.${s}`);
export const regStateLabel = (t: TFunction, s: string) => t(`catalog.regState.${s}`);
export const openLabel = (t: TFunction, s: string) => t(`catalog.open.${s}`);
export const detectorLabel = (t: TFunction, s: string) => t(`catalog.detector.${s}`);
