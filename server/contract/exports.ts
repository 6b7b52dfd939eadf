import { z } from '@hono/zod-openapi';
import { AsOfDate } from '../as-of/as-of-query.ts';
import { Geometry } from './geojson.ts';

/**
 * The exports of the leaders' view: four datasets as CSV (UTF-8 with BOM, Chinese header row),
 * Excel (.xlsx, the same Chinese header row) or GeoJSON, on a date and with simple filters.
 */

export const exportDatasets = ['estates', 'projects', 'facilities', 'coverage'] as const;
export type ExportDataset = (typeof exportDatasets)[number];
export const exportFormats = ['csv', 'geojson', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * GET /api/exports/{dataset}.{csv|geojson|xlsx}?asOf=…&action=…&status=…&committee=…&item=…&facilityType=…
 * status filters: estates by 综合整新 status on the date, projects by status on the date,
 * facilities by open|not_open. An empty selection is a valid empty file.
 */
export const ExportQuery = z.object({
  asOf: AsOfDate,
  action: z.string().max(40).optional(),
  item: z.string().regex(/^([1-9]|1[0-6])$/, 'item must be a number 1–16').optional(),
  status: z.string().max(40).optional(),
  committee: z.string().max(60).optional(),
  leadUnit: z.string().max(60).optional(),
  facilityType: z.string().max(60).optional(),
});

export type ExportQuery = z.infer<typeof ExportQuery>;

/** A GeoJSON export: the same columns as the CSV's, as snake_case properties. */
export const ExportValue = z.union([z.string(), z.number(), z.boolean()]).nullable();
export type ExportValue = z.infer<typeof ExportValue>;
export const ExportFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  /** The file's name in Chinese, e.g. 潍坊新村-小区改造-2024-12-31. */
  name: z.string(),
  asOf: z.string(),
  features: z.array(z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: Geometry.nullable(),
    properties: z.record(z.string(), ExportValue),
  })),
}).openapi('ExportFeatureCollection');
export type ExportFeatureCollection = z.infer<typeof ExportFeatureCollection>;
