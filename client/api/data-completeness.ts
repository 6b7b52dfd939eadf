import type { InferResponseType } from 'hono/client';
import { api, readJson } from './api-client.ts';

/** 数据完整度: per layer and facility type, how much is surveyed, located, estimated or placeholder. */
export type DataCompletenessAnswer = InferResponseType<typeof api['data-completeness']['$get'], 200>;

export function fetchDataCompleteness(): Promise<DataCompletenessAnswer> {
  return readJson(api['data-completeness'].$get());
}
