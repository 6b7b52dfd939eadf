// Readers for the raw inputs under geodata/sources/. Only this file knows their paths, so a
// planning office that swaps a source edits one place.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { FeatureCollection, Geometry, Point, Polygon } from 'geojson';

export const geodataDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourcesDirectory = path.join(geodataDirectory, 'sources');

export interface SourceAddress {
  address: string;
  township: string;
  position: [number, number];
}

export interface ResidentsCommitteeRecord {
  code: string;
  name: string;
  gcj02: [number, number] | null;
  note: string;
}

export interface MetroStationRecord {
  stationId: number;
  nameEnglish: string;
  lines: string[];
  position: [number, number];
}

export interface TownshipRecord {
  shapeRecord: number;
  nameInferred: string | null;
  purity: number;
  polygon: Polygon;
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(path.join(sourcesDirectory, relativePath), 'utf8')) as T;
}

// The CSV files here have no quoted commas, so a split is enough and keeps the build dependency-free.
function readCsvRows(relativePath: string): Record<string, string>[] {
  const [headerLine, ...lines] = readFileSync(path.join(sourcesDirectory, relativePath), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = headerLine.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((column, index) => [column, cells[index] ?? '']));
  });
}

export function readTownships(): TownshipRecord[] {
  const collection = readJson<FeatureCollection<Polygon>>(
    'shanghai-township-boundaries/weifang_xincun_and_neighbours_wgs84.geojson',
  );
  return collection.features.map((feature) => ({
    shapeRecord: Number(feature.properties!.shp_record),
    nameInferred: feature.properties!.name_inferred ?? null,
    purity: Number(feature.properties!.name_purity),
    polygon: feature.geometry,
  }));
}

export function readAddresses(): SourceAddress[] {
  const collection = readJson<FeatureCollection<Point>>(
    'shanghai-covid2022-geocoded-addresses/addresses_bbox_wgs84.geojson',
  );
  return collection.features
    .filter((feature) => feature.properties!.district === '浦东新区')
    .map((feature) => ({
      address: String(feature.properties!.address),
      township: String(feature.properties!.street_level),
      position: feature.geometry.coordinates as [number, number],
    }));
}

export function readResidentsCommittees(): ResidentsCommitteeRecord[] {
  return readCsvRows('china-adcode-pudong-2016/weifang_xincun_juweihui_2016.csv')
    .filter((row) => row.level === 'village')
    .map((row) => ({
      code: row.code,
      name: row.name,
      gcj02: row.lng_gcj02 ? [Number(row.lng_gcj02), Number(row.lat_gcj02)] : null,
      note: row.note,
    }));
}

export function readMetroStations(): MetroStationRecord[] {
  const collection = readJson<FeatureCollection<Point>>(
    'shanghai-metro-stations-2017/shanghai_metro_stations_2017_wgs84.geojson',
  );
  return collection.features.map((feature) => ({
    stationId: Number(feature.properties!.stationID),
    nameEnglish: String(feature.properties!.name_en).trim(),
    lines: (feature.properties!.lines ?? []) as string[],
    position: feature.geometry.coordinates as [number, number],
  }));
}

/** One OpenStreetMap element: its way or node id, its tags (GDAL's other_tags unpacked) and geometry. */
export interface OsmElement {
  osmId: string;
  tags: Record<string, string>;
  geometry: Geometry;
}

// GDAL's OSM driver keeps uncommon tags in one hstore text: "key"=>"value","key"=>"value".
function unpackOtherTags(text: string | null | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const match of (text ?? '').matchAll(/"([^"]+)"=>"([^"]*)"/g)) tags[match[1]] = match[2];
  return tags;
}

function readOsmFile(relativePath: string): OsmElement[] {
  const collection = readJson<FeatureCollection>(relativePath);
  return collection.features.map((feature) => {
    const properties = feature.properties as Record<string, string | number | null>;
    const plainTags = Object.entries(properties)
      .filter(([key, value]) => value !== null && !['osm_id', 'osm_way_id', 'other_tags', 'z_order', 'fraction_of_vertices_inside_weifang_boundary'].includes(key))
      .map(([key, value]) => [key, String(value)]);
    const tags = { ...unpackOtherTags(properties.other_tags as string | null), ...Object.fromEntries(plainTags) };
    return { osmId: String(properties.osm_id ?? properties.osm_way_id), tags, geometry: feature.geometry };
  });
}

/** The OpenStreetMap extracts (ODbL): streets and lanes, areas, tagged nodes, metro lines and parks. */
export interface OsmExtract {
  highways: OsmElement[];
  lines: OsmElement[];
  areas: OsmElement[];
  points: OsmElement[];
  parks: OsmElement[];
}

export function readOsmExtract(): OsmExtract {
  const folder = 'osm-hdmapii-dongfang-pudian';
  return {
    highways: readOsmFile(`${folder}/highways.geojson`),
    lines: readOsmFile(`${folder}/lines.geojson`),
    areas: readOsmFile(`${folder}/multipolygons.geojson`),
    points: readOsmFile(`${folder}/points.geojson`),
    parks: readOsmFile('osm-rttang-parks/parks_in_bbox.geojson'),
  };
}
