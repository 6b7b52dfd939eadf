import { bbox as boundingBoxOf, booleanIntersects, bboxPolygon } from '@turf/turf';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { readGeodataCollections } from '../helpers/geodata.ts';

const geodata = readGeodataCollections();
// The subdistrict and its surroundings: a bbox that cuts through the data.
const westHalfBox: [number, number, number, number] = [121.49, 31.2, 121.528, 31.25];

describe.each(serversUnderTest())('OGC API - Features on the $database database', (server) => {
  it('has a landing page that links to the API description, conformance and collections', async () => {
    const { status, body } = await getJson(server, '/api');
    expect(status).toBe(200);
    const relations = body.links.map((link: { rel: string }) => link.rel);
    expect(relations).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    const description = await getJson(server, '/api/openapi.json');
    expect(description.status).toBe(200);
    expect(description.body.openapi).toMatch(/^3\./);
    // The document describes what the routes answer: /collections is an object with its list inside.
    const collectionsSchema = description.body.paths['/api/collections'].get.responses['200'].content['application/json'].schema;
    expect(collectionsSchema.type).toBe('object');
    expect(Object.keys(collectionsSchema.properties)).toEqual(['links', 'collections']);
    expect(Object.keys(description.body.paths)).toEqual(
      expect.arrayContaining(['/api/collections', '/api/collections/{collectionId}/items', '/api/collections/{collectionId}/items/{featureId}']),
    );
  });

  it('declares the Core and GeoJSON conformance classes, and Part 4 editing', async () => {
    const { body } = await getJson(server, '/api/conformance');
    expect(body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
    ]));
  });

  it('reports which database it uses and the PostGIS version', async () => {
    const { body } = await getJson(server, '/api/health');
    expect(body).toMatchObject({ status: 'ok', database: server.database });
    expect(body.postgisVersion).toMatch(/^3\./);
  });

  it('credits OpenStreetMap on every collection that holds its data, with the licence page as its license link', async () => {
    const { body } = await getJson(server, '/api/collections');
    const roads = body.collections.find((collection: { id: string }) => collection.id === 'roads');
    expect(roads.attribution).toBe('© OpenStreetMap contributors');
    expect(roads.links).toEqual(expect.arrayContaining([expect.objectContaining({ rel: 'license', href: 'https://www.openstreetmap.org/copyright' })]));
    const withoutOsm = body.collections.find((collection: { id: string }) => collection.id === 'waterways');
    expect(withoutOsm.attribution).toBeUndefined();
  });

  it('serves every geodata file as a collection with all its features and their extent', async () => {
    expect(geodata.has('boundary')).toBe(true);
    const { body } = await getJson(server, '/api/collections');
    const served = new Map(body.collections.map((collection: any) => [collection.id, collection]));
    for (const [id, file] of geodata) {
      const collection: any = served.get(id);
      expect(collection, `collection ${id}`).toBeDefined();
      expect(collection.featureCount, `feature count of ${id}`).toBe(file.features.length);
      if (file.features.length > 0) {
        const [west, south, east, north] = collection.extent.spatial.bbox[0];
        const [fileWest, fileSouth, fileEast, fileNorth] = boundingBoxOf(file);
        expect(west).toBeCloseTo(fileWest, 6);
        expect(south).toBeCloseTo(fileSouth, 6);
        expect(east).toBeCloseTo(fileEast, 6);
        expect(north).toBeCloseTo(fileNorth, 6);
      }
    }
  });

  it('describes one collection with its title in Chinese and links to its items', async () => {
    const { status, body } = await getJson(server, '/api/collections/boundary');
    expect(status).toBe(200);
    expect(body.id).toBe('boundary');
    expect(body.title).toMatch(/[\u4e00-\u9fff]/);
    expect(body.links.find((link: any) => link.rel === 'items').href).toMatch(/\/api\/collections\/boundary\/items$/);
  });

  it('pages through items with limit, offset and next/prev links, and the pages add up to the collection', async () => {
    const [collectionId, file] = [...geodata].sort((a, b) => b[1].features.length - a[1].features.length)[0];
    const total = file.features.length;
    const pageSize = Math.max(1, Math.ceil(total / 3));
    const seen = new Set<string>();
    let path: string | undefined = `/api/collections/${collectionId}/items?limit=${pageSize}`;
    let pages = 0;
    while (path) {
      const { status, contentType, body } = await getJson(server, path);
      expect(status).toBe(200);
      expect(contentType).toContain('application/geo+json');
      expect(body.type).toBe('FeatureCollection');
      expect(body.numberMatched).toBe(total);
      expect(body.numberReturned).toBe(body.features.length);
      for (const feature of body.features) {
        expect(seen.has(feature.id), `feature ${feature.id} on two pages`).toBe(false);
        seen.add(feature.id);
      }
      if (pages > 0) expect(body.links.some((link: any) => link.rel === 'prev')).toBe(true);
      const next = body.links.find((link: any) => link.rel === 'next');
      path = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
      pages += 1;
      expect(pages).toBeLessThan(10);
    }
    expect(seen.size).toBe(total);
  });

  it('uses a default limit and caps it', async () => {
    const { body } = await getJson(server, '/api/collections/boundary/items');
    expect(body.links.find((link: any) => link.rel === 'self').href).toContain('limit=100');
    const tooMany = await getJson(server, '/api/collections/boundary/items?limit=10001');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('limit');
  });

  it('returns exactly the features that meet a bbox', async () => {
    for (const [collectionId, file] of geodata) {
      const expected = file.features.filter((feature) => booleanIntersects(feature as Feature, bboxPolygon(westHalfBox))).length;
      const { body } = await getJson(server, `/api/collections/${collectionId}/items?limit=10000&bbox=${westHalfBox.join(',')}`);
      // Shapes, not their bounding boxes: a line whose box reaches into the bbox but which itself
      // stays outside is not returned.
      expect(body.numberMatched, collectionId).toBe(expected);
      for (const feature of body.features) expect(booleanIntersects(feature, bboxPolygon(westHalfBox)), String(feature.id)).toBe(true);
    }
  });

  it('serves one feature exactly as the geodata file has it', async () => {
    for (const [collectionId, file] of geodata) {
      const original = file.features[0];
      if (!original) continue;
      const { status, body } = await getJson(server, `/api/collections/${collectionId}/items/${encodeURIComponent(String(original.id))}`);
      expect(status).toBe(200);
      expect(body.id).toBe(original.id);
      expect(body.properties).toEqual(original.properties);
      expect(body.geometry.type).toBe(original.geometry.type);
      expect(JSON.stringify(body.geometry.coordinates).length).toBeGreaterThan(10);
      expect(boundingBoxOf(body).map((value) => value.toFixed(6))).toEqual(boundingBoxOf(original).map((value) => value.toFixed(6)));
    }
  });

  describe('bad input gets a 4xx JSON answer a person understands', () => {
    const cases: [string, string, number, RegExp][] = [
      ['bbox with three numbers', '/api/collections/boundary/items?bbox=121.5,31.2,121.6', 400, /bbox/],
      ['bbox with words', '/api/collections/boundary/items?bbox=west,south,east,north', 400, /bbox/],
      ['bbox out of range', '/api/collections/boundary/items?bbox=121,31,200,32', 400, /bbox/],
      ['bbox upside down', '/api/collections/boundary/items?bbox=121.6,31.2,121.5,31.3', 400, /bbox/],
      ['empty bbox', '/api/collections/boundary/items?bbox=', 400, /bbox/],
      ['bbox of empty parts', '/api/collections/boundary/items?bbox=,,,', 400, /bbox/],
      ['bbox in hexadecimal', '/api/collections/boundary/items?bbox=0x79,31.2,121.6,31.3', 400, /bbox/],
      ['a NUL character in a collection id', '/api/collections/%00/items', 400, /NUL/],
      ['a NUL character in a feature id', '/api/collections/boundary/items/a%00b', 400, /NUL/],
      ['negative limit', '/api/collections/boundary/items?limit=-1', 400, /limit/],
      ['huge limit', '/api/collections/boundary/items?limit=99999999999', 400, /limit/],
      ['limit that is not a number', '/api/collections/boundary/items?limit=lots', 400, /limit/],
      ['fractional limit', '/api/collections/boundary/items?limit=2.5', 400, /limit/],
      ['negative offset', '/api/collections/boundary/items?offset=-5', 400, /offset/],
      ['unknown collection', '/api/collections/no_such_thing', 404, /no_such_thing/],
      ['unknown collection items', '/api/collections/no_such_thing/items', 404, /no_such_thing/],
      ['unknown feature', '/api/collections/boundary/items/no-such-feature', 404, /no-such-feature/],
      ['unknown API path', '/api/nothing/here', 404, /nothing/],
      ['SQL in a collection id', "/api/collections/boundary'%3B%20drop%20table%20feature%3B--/items", 404, /not found/],
    ];
    it.each(cases)('%s', async (_name, path, status, message) => {
      const response = await getJson(server, path);
      expect(response.status).toBe(status);
      expect(response.contentType).toContain('application/json');
      expect(response.body.message).toMatch(message);
      expect(response.body.messageZh).toMatch(/[\u4e00-\u9fff]/);
    });

    it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on a read-only resource answers 405', async (method) => {
      const response = await getJson(server, '/api/collections/boundary/items', { method, body: method === 'DELETE' ? undefined : '{}', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(405);
      expect(response.body.message).toContain(method);
    });

    it('a body over the size limit answers 413 without reading it all', async () => {
      const response = await getJson(server, '/api/collections/boundary/items', { method: 'POST', body: 'x'.repeat(3 * 1024 * 1024) });
      expect(response.status).toBe(413);
    });
  });
});
