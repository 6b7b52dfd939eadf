import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { essentialGroups } from '../../server/analysis/facility-thresholds.ts';
import { getJson, serversUnderTest } from '../helpers/api.ts';

/** 数据完整度 (issue 10, item 5) against the seeded data, counted again here from geodata/. */

const geodata = join(import.meta.dirname, '../../geodata');
const featuresOf = (name: string) => JSON.parse(readFileSync(join(geodata, `${name}.geojson`), 'utf8')).features as { properties: Record<string, unknown> }[];

describe.each(serversUnderTest())('data completeness on the $database database', (server) => {
  it('counts the buildings as the seed has them: generated ones are placeholders, not surveyed', async () => {
    const { status, body } = await getJson(server, '/api/data-completeness');
    expect(status).toBe(200);
    const buildings = body.layers.find((layer: any) => layer.collectionId === 'buildings');
    const seeded = featuresOf('buildings');
    const generated = seeded.filter((feature) => feature.properties.source === 'generated').length;
    expect(generated).toBeGreaterThan(0);
    expect(buildings.total).toBe(seeded.length);
    expect(buildings.counts.placeholder).toBe(generated);
    expect(buildings.realShare).toBeCloseTo((seeded.length - generated) / seeded.length, 6);
    const boundary = body.layers.find((layer: any) => layer.collectionId === 'boundary');
    expect(boundary.counts.surveyed).toBe(featuresOf('boundary').length);
  });

  it('lists every standard type, and puts first the basic services that have no real site', async () => {
    const { body } = await getJson(server, '/api/data-completeness');
    const standards = JSON.parse(readFileSync(join(geodata, 'facility_standards.json'), 'utf8')) as { facility_type: string }[];
    const listed = new Set(body.facilityTypes.map((type: any) => type.facilityType));
    for (const standard of standards) expect(listed.has(standard.facility_type), standard.facility_type).toBe(true);
    const essential = new Set(essentialGroups.flatMap((group) => group.facilityTypes));
    const missingEssentials = body.facilityTypes.filter((type: any) => essential.has(type.facilityType) && !type.hasRealSite).map((type: any) => type.facilityType);
    expect(missingEssentials.length).toBeGreaterThan(0);
    // Every basic type with no real site is named in one of the first entries, one per group, before any layer.
    const groups = body.importFirst.filter((entry: any) => entry.kind === 'facility-group');
    expect(body.importFirst.slice(0, groups.length)).toEqual(groups);
    expect(groups.flatMap((entry: any) => entry.facilityTypes).sort()).toEqual([...missingEssentials].sort());
    expect(body.importFirst.some((entry: any) => entry.kind === 'layer' && entry.key === 'buildings')).toBe(true);
    // It says 无数据 exactly where the life circle does.
    const coverage = (await getJson(server, '/api/coverage')).body;
    const completeness = new Map(body.facilityTypes.map((type: any) => [type.facilityType, type.hasRealSite]));
    for (const type of coverage.byType) expect(completeness.get(type.facilityType) ?? false, type.facilityType).toBe(type.hasData);
  });
  it('lists the latest imports, newest first, with who imported each file (a script\'s token names no person)', async () => {
    const collectionId = `completeness_imports_${server.database}`;
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'one', properties: { name: '实测绿地' }, geometry: { type: 'Point', coordinates: [121.52, 31.225] } }] });
    const imported = await getJson(server, `/api/collections/${collectionId}/import?fileName=survey-for-completeness.geojson&title=${encodeURIComponent('导入测试')}`, {
      method: 'POST', body: file, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/geo+json' },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const { body } = await getJson(server, '/api/data-completeness');
    const record = body.recentImports.find((entry: any) => entry.collectionId === collectionId);
    expect(record).toMatchObject({ collectionTitle: '导入测试', fileName: 'survey-for-completeness.geojson', format: 'geojson', importedBy: 'token', importedByUser: null, added: 1, changed: 0, removed: 0, bad: 0 });
    expect(Date.parse(record.importedAt)).not.toBeNaN();
    const times = body.recentImports.map((entry: any) => entry.importedAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
