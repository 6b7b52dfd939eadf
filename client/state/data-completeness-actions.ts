import { batch } from '@preact/signals';
import { fetchDataCompleteness } from '../api/data-completeness.ts';
import { describeFailure } from './actions.ts';
import { dataCompleteness, dataCompletenessFailure, dataCompletenessOpen } from './data-completeness-state.ts';
import { latestRequest } from './latest-request.ts';

/** The only functions that change the 数据完整度 page's state. */

const requests = latestRequest();

/** Opens the page and reads the assessment afresh (an import may have changed it since). */
export async function openDataCompleteness(): Promise<void> {
  batch(() => {
    dataCompletenessOpen.value = true;
    dataCompletenessFailure.value = null;
  });
  const isLatest = requests.start();
  try {
    const answer = await fetchDataCompleteness();
    if (isLatest()) dataCompleteness.value = answer;
  } catch (error) {
    if (isLatest()) dataCompletenessFailure.value = describeFailure(error);
  }
}

export function closeDataCompleteness(): void {
  requests.cancel();
  dataCompletenessOpen.value = false;
}
