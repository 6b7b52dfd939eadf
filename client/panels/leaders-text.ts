import type { RenovationYearRow } from '../../server/contract/leaders.ts';
import { translate } from '../i18n/translate.ts';
import { language } from '../state/dashboard-state.ts';
import type { RenovationClass } from '../layers/renovation-colours.ts';

/** Names and formats the leaders' panel and report share. */

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function renovationStatusName(status: RenovationClass): string {
  return translate(status === 'done' ? 'renovationDone' : status === 'in_progress' ? 'renovationInProgress' : status === 'planned' ? 'renovationPlanned' : 'renovationNotPlanned');
}

export function projectStatusName(status: 'planned' | 'in_progress' | 'completed' | 'on_hold'): string {
  return translate(status === 'planned' ? 'projectPlanned' : status === 'in_progress' ? 'projectInProgress' : status === 'completed' ? 'projectCompleted' : 'projectOnHold');
}

/** Where a renovation record comes from (the contract's renovationSources), in the interface's language. */
export function renovationSourceName(source: 'survey' | 'official' | 'plan' | 'assumed'): string {
  return translate(source === 'survey' ? 'sourceSurvey' : source === 'official' ? 'sourceOfficial' : source === 'plan' ? 'sourcePlan' : 'reportAssumed');
}

/** A renovation year row's name: the server's Chinese label, or the year in English. */
export function yearRowLabel(row: RenovationYearRow): string {
  if (language.value === 'zh-CN') return row.label;
  return row.year === 'after2025' ? translate('leadersAfter2025') : String(row.year);
}
