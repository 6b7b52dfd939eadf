import { z } from '@hono/zod-openapi';

/**
 * Request and response schemas of the OGC API - Features routes. They validate requests, type
 * the client through `hc`, and generate the OpenAPI document: one schema, three uses.
 */

export const itemsLimitDefault = 100;

/** A plain decimal number as people write coordinates: no empty text, no hexadecimal, no "Infinity". */
export const decimalNumber = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
export const itemsLimitMaximum = 10_000;

export const CollectionIdParameters = z.object({
  collectionId: z.string().openapi({ param: { name: 'collectionId', in: 'path' }, example: 'facilities' }),
});

export const FeatureParameters = CollectionIdParameters.extend({
  featureId: z.string().max(200).openapi({ param: { name: 'featureId', in: 'path' }, example: 'facility-health-center' }),
});

/** bbox=west,south,east,north in WGS 84 degrees, as OGC API - Features Part 1 defines it. */
const BoundingBoxText = z
  .string()
  .transform((text, context) => {
    const parts = text.split(',').map((part) => part.trim());
    const values = parts.map(Number);
    if (parts.length !== 4 || !parts.every((part) => decimalNumber.test(part))) {
      context.addIssue({ code: 'custom', message: 'bbox must be four numbers: west,south,east,north (e.g. 121.51,31.21,121.54,31.24)' });
      return z.NEVER;
    }
    const [west, south, east, north] = values;
    if (west < -180 || east > 180 || south < -90 || north > 90) {
      context.addIssue({ code: 'custom', message: 'bbox longitudes must be within -180…180 and latitudes within -90…90' });
      return z.NEVER;
    }
    if (south > north || west > east) {
      context.addIssue({ code: 'custom', message: 'bbox must be west,south,east,north with west ≤ east and south ≤ north' });
      return z.NEVER;
    }
    return values as [number, number, number, number];
  })
  .openapi({ type: 'string', example: '121.51,31.21,121.54,31.24', description: 'west,south,east,north (WGS 84)' });

export const ItemsQuery = z.object({
  limit: z.coerce
    .number({ message: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(itemsLimitMaximum, `limit must be at most ${itemsLimitMaximum}`)
    .default(itemsLimitDefault)
    .openapi({ example: 100 }),
  offset: z.coerce
    .number({ message: 'offset must be a whole number' })
    .int('offset must be a whole number')
    .min(0, 'offset must not be negative')
    .max(1_000_000_000, 'offset is too large')
    .default(0)
    .openapi({ example: 0 }),
  bbox: BoundingBoxText.optional(),
  f: z.enum(['json', 'geojson']).optional(),
});

export const Link = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
});

export const Collection = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    itemType: z.literal('feature'),
    crs: z.array(z.string()),
    extent: z.object({
      spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }),
    }),
    links: z.array(Link),
    // Not OGC: what the dashboard shows next to the title.
    titleEn: z.string(),
    featureCount: z.number(),
  })
  .openapi('Collection');

export const ErrorBody = z
  .object({ code: z.string(), message: z.string(), messageZh: z.string().optional() })
  .openapi('Error');

const Geometry = z.object({ type: z.string() }).passthrough().nullable();
export const FeatureBody = z
  .object({
    type: z.literal('Feature'),
    id: z.union([z.string(), z.number()]),
    geometry: Geometry,
    properties: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('Feature');

export const FeatureCollectionBody = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(FeatureBody),
    numberMatched: z.number(),
    numberReturned: z.number(),
    timeStamp: z.string(),
    links: z.array(Link),
  })
  .openapi('FeatureCollection');
