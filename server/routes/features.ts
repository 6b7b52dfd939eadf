import { createRoute, z } from '@hono/zod-openapi';
import { errorAnswer } from '../contract/errors.ts';
import { Link } from '../contract/geojson.ts';
import {
  Collection, CollectionIdParameters, CollectionList, FeatureAnswer, FeatureCollectionAnswer, FeatureParameters, ItemsQuery,
} from '../contract/ogc.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { findCollection, listCollections, type CollectionRow } from '../queries/collections.ts';
import { findFeature, readItemsPage } from '../queries/features.ts';
import { apiRootOf, createRouter, geoJsonType } from './router.ts';
import { sendJsonText } from './send-json-text.ts';

const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** OGC API - Features Part 1 Core: the collections and their items. Mounted at /collections. */
export function createFeatureRoutes(database: Database) {
  const describeCollection = (collection: CollectionRow, apiRoot: string): z.infer<typeof Collection> => ({
    id: collection.id,
    title: collection.title,
    titleEn: collection.titleEn,
    description: collection.description,
    itemType: 'feature',
    crs: [crs84],
    featureCount: collection.featureCount,
    ...(collection.attribution ? { attribution: collection.attribution } : {}),
    ...(collection.attributionUrl ? { attributionUrl: collection.attributionUrl } : {}),
    extent: { spatial: { bbox: collection.bbox ? [collection.bbox] : [], crs: crs84 } },
    links: [
      { href: `${apiRoot}/collections/${collection.id}`, rel: 'self', type: 'application/json', title: collection.title },
      { href: `${apiRoot}/collections/${collection.id}/items`, rel: 'items', type: geoJsonType, title: collection.title },
      ...(collection.attributionUrl ? [{ href: collection.attributionUrl, rel: 'license', type: 'text/html', title: collection.attribution ?? undefined }] : []),
    ],
  });

  const requireCollection = async (collectionId: string) => {
    const collection = await findCollection(database, collectionId);
    if (!collection) throw notFound(`Collection "${collectionId}"`, `数据集“${collectionId}”`);
    return collection;
  };

  return createRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'The datasets of the subdistrict',
        responses: { 200: { description: 'Collections', content: { 'application/json': { schema: CollectionList } } } },
      }),
      async (context) => {
        const apiRoot = apiRootOf(context.req.url);
        const collections = await listCollections(database);
        return context.json({
          links: [{ href: `${apiRoot}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
          collections: collections.map((collection) => describeCollection(collection, apiRoot)),
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{collectionId}', summary: 'One dataset, with its extent',
        request: { params: CollectionIdParameters },
        responses: { 200: { description: 'Collection', content: { 'application/json': { schema: Collection } } }, 404: errorAnswer('No such collection') },
      }),
      async (context) => {
        const { collectionId } = context.req.valid('param');
        return context.json(describeCollection(await requireCollection(collectionId), apiRootOf(context.req.url)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{collectionId}/items', summary: 'Features of a dataset, paged, optionally within a bbox',
        request: { params: CollectionIdParameters, query: ItemsQuery },
        responses: {
          200: { description: 'GeoJSON FeatureCollection', content: { [geoJsonType]: { schema: FeatureCollectionAnswer } } },
          400: errorAnswer('Bad parameter'),
          404: errorAnswer('No such collection'),
        },
      }),
      async (context) => {
        const { collectionId } = context.req.valid('param');
        const { limit, offset, bbox } = context.req.valid('query');
        const { found, numberMatched, numberReturned, featuresJson } = await readItemsPage(database, collectionId, { bbox, limit, offset });
        if (!found) throw notFound(`Collection "${collectionId}"`, `数据集“${collectionId}”`);
        const pageLink = (rel: string, pageOffset: number): Link => {
          const url = new URL(context.req.url);
          url.searchParams.set('limit', String(limit));
          url.searchParams.set('offset', String(pageOffset));
          return { href: url.toString(), rel, type: geoJsonType };
        };
        const links = [pageLink('self', offset)];
        if (offset + numberReturned < numberMatched) links.push(pageLink('next', offset + limit));
        if (offset > 0) links.push(pageLink('prev', Math.max(0, offset - limit)));
        links.push({ href: `${apiRootOf(context.req.url)}/collections/${collectionId}`, rel: 'collection', type: 'application/json' });
        const rest = JSON.stringify({ numberMatched, numberReturned, timeStamp: new Date().toISOString(), links });
        // The Features are PostGIS's JSON, spliced in as they are (readItemsPage says why).
        const body = ['{"type":"FeatureCollection","features":[', featuresJson, `],${rest.slice(1)}`];
        // Typed as the contract's answer, which the bytes are (the contract tests parse and check it).
        return await sendJsonText(context, body, geoJsonType) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{collectionId}/items/{featureId}', summary: 'One feature',
        request: { params: FeatureParameters },
        responses: { 200: { description: 'GeoJSON Feature', content: { [geoJsonType]: { schema: FeatureAnswer } } }, 404: errorAnswer('No such feature') },
      }),
      async (context) => {
        const { collectionId, featureId } = context.req.valid('param');
        await requireCollection(collectionId);
        const feature = await findFeature(database, collectionId, featureId);
        if (!feature) throw notFound(`Feature "${featureId}" in collection "${collectionId}"`, `数据集“${collectionId}”中的要素“${featureId}”`);
        const apiRoot = apiRootOf(context.req.url);
        return context.json({
          ...feature,
          links: [
            { href: `${apiRoot}/collections/${collectionId}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: geoJsonType },
            { href: `${apiRoot}/collections/${collectionId}`, rel: 'collection', type: 'application/json' },
          ],
        }, 200, { 'Content-Type': geoJsonType });
      },
    );
}
