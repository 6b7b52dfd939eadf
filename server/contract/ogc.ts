import { z } from '@hono/zod-openapi';
import { Link, StoredFeature } from './geojson.ts';
import { itemsLimitMaximum } from './vocabulary/paging.ts';

/**
 * Request and response schemas of the OGC API - Features routes (the landing page, conformance,
 * the collections and their items) and of the API's own health and settings. They validate
 * requests, type the client through `hc`, and generate the OpenAPI document: one schema, three uses.
 */

export const itemsLimitDefault = 100;

/** A plain decimal number as people write coordinates: no empty text, no hexadecimal, no "Infinity". */
export const decimalNumber = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
export { itemsLimitMaximum };

export const CollectionIdParameters = z.object({
  collectionId: z.string().max(200, 'collectionId must be at most 200 characters').openapi({ param: { name: 'collectionId', in: 'path' }, example: 'facilities' }),
});

export const FeatureParameters = CollectionIdParameters.extend({
  featureId: z.string().max(200).openapi({ param: { name: 'featureId', in: 'path' }, example: 'facility-health-center' }),
});

/** bbox=west,south,east,north in WGS 84 degrees, as OGC API - Features Part 1 defines it. */
const BoundingBoxText = z
  .string()
  .max(200, 'bbox must be at most 200 characters')
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
    featureCount: z.number().int(),
    // The credit the data's licence asks for (OpenStreetMap: "© OpenStreetMap contributors"); the
    // same page is the collection's `license` link.
    attribution: z.string().optional(),
    attributionUrl: z.string().optional(),
  })
  .openapi('Collection');

// Inline in the document (not a named component): OGC clients read `collections` straight from the answer's schema.
export const CollectionList = z.object({ links: z.array(Link), collections: z.array(Collection) });

/** GET …/items/{featureId}: the stored feature and its links. */
export const FeatureAnswer = StoredFeature.extend({ links: z.array(Link) }).openapi('FeatureAnswer');

/** GET …/items: one page of features, with the OGC counts and paging links. */
export const FeatureCollectionAnswer = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(StoredFeature),
    numberMatched: z.number().int(),
    numberReturned: z.number().int(),
    timeStamp: z.string(),
    links: z.array(Link),
  })
  .openapi('FeatureCollection');

/** The landing page of the API (OGC API - Common). */
export const LandingPage = z.object({ title: z.string(), description: z.string(), links: z.array(Link) }).openapi('LandingPage');
export const Conformance = z.object({ conformsTo: z.array(z.string()) }).openapi('Conformance');
export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'postgres']),
  postgresVersion: z.string(),
  postgisVersion: z.string(),
}).openapi('Health');
/** What the dashboard reads at start. */
export const PublicSettings = z.object({
  /** A MapLibre style URL of an intranet tile server; null means the offline basemap. */
  basemapStyleUrl: z.string().nullable(),
}).openapi('PublicSettings');
export type PublicSettings = z.infer<typeof PublicSettings>;
