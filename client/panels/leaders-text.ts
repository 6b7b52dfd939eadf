import { translate } from '../i18n/translate.ts';
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
