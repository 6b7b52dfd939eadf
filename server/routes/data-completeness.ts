import { createRoute } from '@hono/zod-openapi';
import { assessDataCompleteness } from '../analysis/assess-data-completeness.ts';
import { DataCompleteness } from '../contract/data-completeness.ts';
import type { Database } from '../db/database.ts';
import { listCollections } from '../queries/collections.ts';
import { countFeaturesBySource } from '../queries/data-completeness.ts';
import { listRecentImports } from '../queries/imports.ts';
import { listFacilityStandards } from '../queries/facility-standards.ts';
import { createRouter } from './router.ts';

// How many of the latest imports the page lists.
const recentImportCount = 20;

/**
 * 数据完整度, mounted at /data-completeness: per layer and per facility type, how much is surveyed,
 * located by address, estimated or placeholder, what to import first, and the latest imports.
 */
export function createDataCompletenessRoutes(database: Database) {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/', summary: 'How much of each layer and facility type is surveyed, located, estimated or placeholder, and what to import first',
      responses: { 200: { description: 'The assessment', content: { 'application/json': { schema: DataCompleteness } } } },
    }),
    async (context) => {
      const [rows, collections, standards, recentImports] = await Promise.all([
        countFeaturesBySource(database), listCollections(database), listFacilityStandards(database), listRecentImports(database, recentImportCount),
      ]);
      const layers = collections.filter((collection) => collection.id !== 'projects').map(({ id, title, titleEn }) => ({ id, title, titleEn }));
      const assessment = assessDataCompleteness(rows, layers, standards.map(({ facilityType, nameZh, level }) => ({ facilityType, nameZh, level })));
      return context.json({ ...assessment, recentImports }, 200);
    },
  );
}
