// Facilities as points. Known sites come from facility-catalogue.ts; every mapped 居委会 also
// hosts its 居委 office (a 社区服务站) and, in Pudong, a 家门口服务站 ("doorstep service"
// station), which the programme places in every residents' committee. Further placeholders for
// types with no known site are added by the caller (see place-estate-facilities.ts).
import type { Point, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import type { FacilityEntry, Placement } from './facility-catalogue.ts';
import type { LonLat } from './local-projection.ts';
import { locateHouseNumber } from './locate-house-number.ts';
import type { SourceAddress } from './read-source-files.ts';
import { convertGcj02ToWgs84 } from './build-residents-committees.ts';

export function resolvePlacement(placement: Placement, addresses: SourceAddress[]): { position: LonLat; basis: string; basisZh: string } {
  switch (placement.kind) {
    case 'house-number':
      return locateHouseNumber(addresses, placement.roadName, placement.houseNumber);
    case 'geocoded-name': {
      const match = addresses.find((address) => address.address === placement.address);
      if (!match) throw new Error(`no geocoded address named ${placement.address}`);
      return { position: match.position, basis: `geocoded point of ${placement.address}`, basisZh: `${placement.address}的地理编码点` };
    }
    case 'gcj02-point':
      return { position: convertGcj02ToWgs84(placement.position), basis: `${placement.pointSource}, converted to WGS 84`, basisZh: `${placement.pointSourceZh}，已转换为 WGS 84` };
    case 'estimated-point':
      return { position: placement.position, basis: `position estimated ${placement.reason}`, basisZh: `估计位置（${placement.reasonZh}）` };
  }
}

export function makeFacilityFeature(entry: FacilityEntry, position: LonLat, basis: string, basisZh: string, subdistrict: Polygon): DatasetFeature {
  const geometry: Point = { type: 'Point', coordinates: position };
  return makeFeature(entry.id, geometry, {
    name: entry.name,
    ...(entry.name_en ? { name_en: entry.name_en } : {}),
    source: entry.source,
    source_detail: `${entry.detail} Position: ${basis}.`,
    source_detail_zh: `${entry.detailZh}位置：${basisZh}。`,
    confidence: entry.confidence,
    facility_type: entry.facility_type,
    address: entry.address,
    opening_year: entry.opening_year,
    outside_boundary: !booleanPointInPolygon(position, subdistrict),
  });
}

export function buildCommitteeFacilities(committees: Dataset, subdistrict: Polygon): DatasetFeature[] {
  const features: DatasetFeature[] = [];
  for (const committee of committees.features) {
    const position = (committee.geometry as Point).coordinates as LonLat;
    const code = String(committee.properties.code);
    const committeeName = committee.properties.name;
    const shortName = committeeName.replace(/居委会$/, '');
    const shared = {
      source: 'estimated' as const,
      confidence: 'medium' as const,
      address: null,
      opening_year: null,
      outside_boundary: !booleanPointInPolygon(position, subdistrict),
    };
    features.push(
      makeFeature(`facility-committee-office-${code}`, { type: 'Point', coordinates: position } as Point, {
        name: `${shortName}居民区社区服务站`,
        source_detail: `Office of ${committeeName} at its 2016 point (NBS code ${code}, Amap GCJ-02 converted); taken to be the committee's 社区服务站.`,
        source_detail_zh: `${committeeName}办公地点，取其2016年点位（国家统计局代码${code}，高德 GCJ-02 坐标已转换）；视作该居委的社区服务站。`,
        facility_type: 'community_service_station',
        ...shared,
      }),
      makeFeature(`facility-doorstep-service-${code}`, { type: 'Point', coordinates: position } as Point, {
        name: `${shortName}家门口服务站`,
        source_detail: `Pudong runs a 家门口服务站 in every 居委; assumed at the committee's 2016 point (NBS code ${code}).`,
        source_detail_zh: `浦东在每个居委设有家门口服务站；假定位于该居委2016年点位（国家统计局代码${code}）。`,
        facility_type: 'doorstep_service_point',
        ...shared,
      }),
    );
  }
  return features;
}

export function buildFacilities(
  catalogue: FacilityEntry[],
  addresses: SourceAddress[],
  committees: Dataset,
  subdistrict: Polygon,
  placeholders: DatasetFeature[],
): Dataset {
  const known = catalogue.map((entry) => {
    const { position, basis, basisZh } = resolvePlacement(entry.placement, addresses);
    return makeFacilityFeature(entry, position, basis, basisZh, subdistrict);
  });
  return {
    collectionId: 'facilities',
    header: {
      title: '公共服务设施',
      titleEn: 'Community facilities',
      description: 'Facilities of the 15-minute life circle: known sites placed by address, plan-named sites at estimated positions, and marked placeholders where a type has no known site. Check source and confidence before relying on a position.',
    },
    features: [...known, ...buildCommitteeFacilities(committees, subdistrict), ...placeholders],
  };
}
