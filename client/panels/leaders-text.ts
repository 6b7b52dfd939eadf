import type { RenovationYearRow } from '../../server/contract/summary.ts';
import { projectStatusNames, type ProjectStatus } from '../../server/contract/vocabulary/projects.ts';
import { renovationSourceNames, renovationStatusNames, type RenovationSource, type RenovationStatus } from '../../server/contract/vocabulary/renovation.ts';
import { translate } from '../i18n/translate.ts';
import { language } from '../state/dashboard-state.ts';

/** Names and formats the leaders' panel and report share. */

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** A name of the shared vocabulary in the interface's language. */
const inLanguage = (names: { zh: string; en: string }) => (language.value === 'zh-CN' ? names.zh : names.en);

export const renovationStatusName = (status: RenovationStatus): string => inLanguage(renovationStatusNames[status]);
export const projectStatusName = (status: ProjectStatus): string => inLanguage(projectStatusNames[status]);
/** Where a renovation record comes from, in the interface's language. */
export const renovationSourceName = (source: RenovationSource): string => inLanguage(renovationSourceNames[source]);

/** A renovation year row's name: the server's Chinese label, or the year in English. */
export function yearRowLabel(row: RenovationYearRow): string {
  if (language.value === 'zh-CN') return row.label;
  return row.year === 'after2025' ? translate('leadersAfter2025') : String(row.year);
}
