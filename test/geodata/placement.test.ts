// Where things are: inside the subdistrict (or honestly flagged), named uniquely, and every place
// the action plan names present; the population adds up to the published figure.
import { describe, it, expect } from 'vitest';
import { booleanPointInPolygon, distance, lineString, pointOnFeature, pointToLineDistance } from '@turf/turf';
import gcoord from 'gcoord';
import type { Point, Polygon } from 'geojson';
import { loadAllCollections, type ShippedFeature } from './load-geodata.ts';

const collections = loadAllCollections();
const subdistrict = collections.boundary.features.find((feature) => feature.properties.kind === 'subdistrict')!;
const subdistrictPolygon = subdistrict.geometry as Polygon;
const namesOf = (features: ShippedFeature[]) => features.map((feature) => String(feature.properties.name));

// The 27 居委会 of the 2016 code list (geodata/sources/china-adcode-pudong-2016).
const residentsCommittees = [
  '潍坊一村居委会', '潍坊二村居委会', '潍坊三村居委会', '潍坊四村居委会', '潍坊五村居委会', '潍坊六七村居委会', '潍坊八村居委会',
  '潍坊九村居委会', '潍坊十村第一居委会', '潍坊十村第二居委会', '竹园居委会', '源竹居委会', '竹南居委会', '福竹居委会', '张杨居委会',
  '朱家滩居委会', '泉东第一居委会', '王家宅居委会', '崂山东路居委会', '杨家渡居委会', '张家浜居委会', '谢家宅居委会', '陈家宅居委会',
  '东南居委会', '泉东第二居委会', '香榭丽居委会', '世茂滨江第一居委会',
];

// Every place PLAN.md names, and the collection it must be found in (by a name fragment).
const placesNamedInPlan: [string, keyof typeof collections, string][] = [
  ['潍坊四村', 'neighbourhoods', '潍坊四村'],
  ['潍坊八村', 'neighbourhoods', '潍坊八村'],
  ['王家宅', 'neighbourhoods', '王家宅'],
  ['张家浜', 'waterways', '张家浜'],
  ['张家浜沿岸公园', 'green_spaces', '张家浜沿岸公园'],
  ['华润时代', 'commercial_zones', '华润时代'],
  ['九六广场', 'commercial_zones', '九六广场'],
  ['世纪汇', 'commercial_zones', '世纪汇'],
  ['世纪百联 (百联世纪)', 'commercial_zones', '百联世纪'],
  ['竹园商贸区', 'commercial_zones', '竹园商贸区'],
  ['福山路', 'roads', '福山路'],
  ['崂山路', 'roads', '崂山路'],
  ['浦城路', 'roads', '浦城路'],
  ['南泉 (学府南泉)', 'roads', '南泉路'],
  ['潍坊 (七彩潍坊)', 'roads', '潍坊路'],
  ['浦电 (低碳浦电)', 'roads', '浦电路'],
  ['福康路', 'roads', '福康路'],
  ['双鸽大厦', 'buildings', '双鸽大厦'],
  ['竹园睦邻中心', 'facilities', '竹园睦邻中心'],
  ['双鸽大厦 practice point', 'facilities', '双鸽大厦'],
  ['大道公益里弄', 'facilities', '大道公益里弄'],
  ['望江驿8号', 'facilities', '望江驿8号'],
  ['和美家庭会客厅', 'facilities', '和美家庭会客厅'],
  ['浦城路 we来坊', 'facilities', 'we来坊'],
  ['养老院', 'facilities', '养老院'],
  ['社区文化活动分中心', 'facilities', '文化活动分中心'],
  ['博爱家园', 'facilities', '博爱家园'],
  ['企业服务中心', 'facilities', '企业服务中心'],
  ['社区事务受理中心', 'facilities', '社区事务受理'],
  ['社区党群服务中心', 'facilities', '党群服务中心'],
  ['社区卫生服务中心', 'facilities', '社区卫生服务中心'],
  ['潍坊新村派出所', 'facilities', '潍坊新村派出所'],
  ['司法所', 'facilities', '司法所'],
];

describe('places named in the action plan', () => {
  it.each(placesNamedInPlan)('%s is in %s', (_label, collectionId, fragment) => {
    expect(namesOf(collections[collectionId].features).some((name) => name.includes(fragment))).toBe(true);
  });

  it('has e-bike charging points and safe houses, which the plan asks for', () => {
    const types = new Set(collections.facilities.features.map((feature) => feature.properties.facility_type));
    expect(types.has('ebike_charging')).toBe(true);
    expect(types.has('safe_house')).toBe(true);
  });
});

describe('inside the subdistrict or flagged', () => {
  it('puts every estate inside the boundary unless it says outside_boundary', () => {
    for (const estate of collections.neighbourhoods.features) {
      const inside = booleanPointInPolygon(pointOnFeature(estate.geometry as Polygon), subdistrictPolygon);
      expect(inside || estate.properties.outside_boundary === true, estate.id).toBe(true);
    }
  });

  it('puts every facility inside the boundary unless it says outside_boundary: true', () => {
    for (const facility of collections.facilities.features) {
      const inside = booleanPointInPolygon(facility.geometry as Point, subdistrictPolygon);
      expect(facility.properties.outside_boundary, facility.id).toBe(!inside);
    }
  });

  it('keeps every residents committee point inside the boundary (the flagged 东南 point is left out)', () => {
    for (const committee of collections.residents_committees.features) {
      expect(booleanPointInPolygon(committee.geometry as Point, subdistrictPolygon), committee.id).toBe(true);
    }
    expect(namesOf(collections.residents_committees.features)).not.toContain('东南居委会');
  });

  it('flags metro stations outside the boundary', () => {
    for (const station of collections.metro_stations.features) {
      const inside = booleanPointInPolygon(station.geometry as Point, subdistrictPolygon);
      expect(station.properties.outside_boundary, station.id).toBe(!inside);
      expect(Array.isArray(station.properties.lines) && (station.properties.lines as string[]).length > 0, station.id).toBe(true);
    }
  });
});

describe('names', () => {
  it.each(['neighbourhoods', 'roads', 'residents_committees', 'commercial_zones', 'metro_stations', 'green_spaces', 'buildings'] as const)(
    'are unique in %s',
    (collectionId) => {
      const names = namesOf(collections[collectionId].features);
      expect(names.length - new Set(names).size).toBe(0);
    },
  );

  it('are unique among facilities of the same type', () => {
    const keys = collections.facilities.features.map((feature) => `${feature.properties.facility_type}:${feature.properties.name}`);
    expect(keys.length - new Set(keys).size).toBe(0);
  });

  it('mark every generated placeholder as such in its name', () => {
    for (const feature of collections.facilities.features.filter((facility) => facility.properties.placeholder === true)) {
      expect(feature.properties.source, String(feature.id)).toBe('generated');
      expect(String(feature.properties.name), String(feature.id)).toContain('示意');
    }
  });
});

describe('estates', () => {
  const estates = collections.neighbourhoods.features;

  it('total residents within 3% of the published 122,000', () => {
    const total = estates.reduce((sum, estate) => sum + Number(estate.properties.residents), 0);
    expect(Math.abs(total - 122_000) / 122_000).toBeLessThanOrEqual(0.03);
  });

  it('cover all 27 residents committees, each estate with one of them', () => {
    const committees = new Set(estates.map((estate) => estate.properties.residents_committee));
    for (const committee of committees) expect(residentsCommittees).toContain(committee);
    expect(committees.size).toBe(27);
  });

  it('carry era, households, residents, residents aged 60+ and at least one gate', () => {
    for (const estate of estates) {
      const { build_era: buildEra, households, residents, residents_aged_60_plus: older, gates } = estate.properties;
      expect(buildEra, estate.id).toMatch(/^\d{4}s$/);
      expect(Number(households), estate.id).toBeGreaterThan(0);
      expect(Number(residents), estate.id).toBeGreaterThanOrEqual(Number(households));
      expect(Number(older), estate.id).toBeLessThan(Number(residents));
      expect(Array.isArray(gates) && (gates as unknown[]).length > 0, estate.id).toBe(true);
    }
  });

  it('have their gates on their own outline, at full precision', () => {
    for (const estate of estates) {
      for (const gate of estate.properties.gates as [number, number][]) {
        const outline = lineString((estate.geometry as Polygon).coordinates[0]);
        expect(pointToLineDistance(gate, outline, { units: 'meters' }), estate.id).toBeLessThan(1);
        expect(gate[0].toString().split('.')[1]?.length ?? 0, `${estate.id} gate is rounded too coarsely`).toBeGreaterThan(4);
      }
    }
  });

  it('add up to their generated residential buildings', () => {
    const householdsByEstate = new Map<string, number>();
    for (const building of collections.buildings.features.filter((feature) => feature.properties.building_type === 'residential')) {
      expect(building.properties.source, String(building.id)).toBe('generated');
      const estate = String(building.properties.neighbourhood);
      householdsByEstate.set(estate, (householdsByEstate.get(estate) ?? 0) + Number(building.properties.households));
    }
    for (const estate of estates) expect(householdsByEstate.get(estate.id), estate.id).toBe(estate.properties.households);
  });
});

describe('boundary', () => {
  it('has the subdistrict with its published figures and the neighbours', () => {
    expect(subdistrict.properties.area_km2_published).toBe(3.89);
    expect(subdistrict.properties.population_published).toBe(122000);
    expect(collections.boundary.features.filter((feature) => feature.properties.kind === 'neighbour').length).toBeGreaterThanOrEqual(5);
  });
});

describe('address interpolation against independent points', () => {
  // Amap points of the same addresses published in other public listings (GCJ-02), not used by
  // the build: the house-number interpolation must land near them.
  const independentPoints: [string, [number, number], number][] = [
    ['facility-community-health-center', [121.524227, 31.223525], 100],
    ['facility-shuangge-tower-practice-point', [121.533369, 31.222829], 200],
  ];

  it.each(independentPoints)('%s lies within the stated distance of its independent point', (id, gcj02, metres) => {
    const facility = collections.facilities.features.find((feature) => feature.id === id)!;
    const independent = gcoord.transform(gcj02, gcoord.GCJ02, gcoord.WGS84) as [number, number];
    expect(distance((facility.geometry as Point).coordinates, independent, { units: 'meters' })).toBeLessThan(metres);
  });
});
