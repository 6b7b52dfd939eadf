// Roads lie along their own addresses; the walking network is one connected, properly noded graph.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distance, lineString, nearestPointOnLine, point, pointToPolygonDistance } from '@turf/turf';
import { Geodesic } from 'geographiclib-geodesic';
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { geodataDirectory, loadCollection } from './load-geodata.ts';
import { parseAddress } from '../../geodata/build/parse-address.ts';

const roads = loadCollection('roads');
const subdistrictPolygon = loadCollection('boundary').features.find((feature) => feature.properties.kind === 'subdistrict')!.geometry as Polygon;
const walkingNetwork = loadCollection('walking_network');
const addresses = JSON.parse(
  readFileSync(path.join(geodataDirectory, 'sources/shanghai-covid2022-geocoded-addresses/addresses_bbox_wgs84.geojson'), 'utf8'),
) as FeatureCollection<Point, { address: string; district: string }>;

// The lower median: with two addresses on opposite sides of a street, the street between them passes.
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

describe('roads', () => {
  const addressDerived = roads.features.filter((road) => road.properties.source === 'address-derived' && road.properties.outside_boundary !== true);
  // Parts beyond the boundary are named after their township: 张杨路（洋泾街道段）.
  const outsideAddressDerived = roads.features.filter((road) => road.properties.source === 'address-derived' && road.properties.outside_boundary === true);
  const baseName = (road: { properties: Record<string, unknown> | null }) => String(road.properties?.name).replace(/（.*）$/, '');

  it('are mostly derived from addresses or taken from OpenStreetMap', () => {
    const osm = roads.features.filter((road) => road.properties.source === 'osm' && road.properties.outside_boundary !== true);
    expect(addressDerived.length + osm.length).toBeGreaterThanOrEqual(12);
  });

  // A road is drawn across the subdistrict and a little beyond; its addresses in and within
  // 400 m of the subdistrict are measured against the drawn line extended straight by about
  // 500 m, so addresses just past a drawn end still count.
  function extendLine(coordinates: number[][]): number[][] {
    const extend = (from: number[], to: number[]) => {
      const scale = 0.005 / Math.hypot(to[0] - from[0], to[1] - from[1]);
      return [to[0] + (to[0] - from[0]) * scale, to[1] + (to[1] - from[1]) * scale];
    };
    return [extend(coordinates[1], coordinates[0]), ...coordinates, extend(coordinates.at(-2)!, coordinates.at(-1)!)];
  }

  it.each(addressDerived.map((road) => [road.properties.name as string, road] as const))(
    '%s passes within 80 m (median) of its own addresses',
    (roadName, road) => {
      const line = lineString(extendLine((road.geometry as LineString).coordinates));
      const distances = addresses.features
        .filter((address) => address.properties.district === '浦东新区' && parseAddress(address.properties.address)?.roadName === roadName)
        .filter((address) => pointToPolygonDistance(address.geometry.coordinates, subdistrictPolygon, { units: 'meters' }) < 400)
        .map((address) => nearestPointOnLine(line, address.geometry.coordinates, { units: 'meters' }).properties.dist);
      expect(distances.length, `${roadName} has geocoded addresses near the subdistrict`).toBeGreaterThanOrEqual(2);
      expect(median(distances)).toBeLessThanOrEqual(80);
    },
  );

  // Beyond the boundary a part is measured against the addresses of its street that lie along it
  // (within 300 m of the part): the part must pass within 80 m of them (median).
  it.each(outsideAddressDerived.map((road) => [road.properties.name as string, road] as const))(
    '%s (outside) passes within 80 m (median) of the addresses along it',
    (_label, road) => {
      const line = lineString((road.geometry as LineString).coordinates);
      const distances = addresses.features
        .filter((address) => address.properties.district === '浦东新区' && parseAddress(address.properties.address)?.roadName === baseName(road))
        .map((address) => nearestPointOnLine(line, address.geometry.coordinates, { units: 'meters' }).properties.dist)
        .filter((distance) => distance < 300);
      if (distances.length >= 2) expect(median(distances)).toBeLessThanOrEqual(80);
    },
  );

  it('carry class, width and lanes', () => {
    for (const road of roads.features) {
      expect(['arterial', 'secondary', 'branch', 'lane'], road.id).toContain(road.properties.class);
      expect(Number(road.properties.width_metres), road.id).toBeGreaterThan(0);
    }
  });
});

describe('walking network', () => {
  const edges = walkingNetwork.features;

  it('is one connected network', () => {
    const parent = new Map<string, string>();
    const find = (node: string): string => {
      if (!parent.has(node)) parent.set(node, node);
      const root = parent.get(node)!;
      if (root === node) return node;
      const top = find(root);
      parent.set(node, top);
      return top;
    };
    for (const edge of edges) parent.set(find(String(edge.properties.from_node)), find(String(edge.properties.to_node)));
    const components = new Set([...parent.keys()].map(find));
    expect(components.size).toBe(1);
  });

  it('has nodes that sit exactly at the edge ends that name them', () => {
    const positionOfNode = new Map<string, string>();
    for (const edge of edges) {
      const coordinates = (edge.geometry as LineString).coordinates;
      for (const [node, position] of [[edge.properties.from_node, coordinates[0]], [edge.properties.to_node, coordinates.at(-1)!]] as const) {
        const key = JSON.stringify(position);
        const seen = positionOfNode.get(String(node));
        if (seen) expect(seen, `${edge.id} ${node}`).toBe(key);
        else positionOfNode.set(String(node), key);
      }
    }
    expect(new Set(positionOfNode.values()).size).toBe(positionOfNode.size);
  });

  it('is noded at every crossing: no two edges cross between their ends', () => {
    const segments = edges.flatMap((edge) => {
      const coordinates = (edge.geometry as LineString).coordinates;
      return coordinates.slice(1).map((position, index) => ({ edge: edge.id, from: coordinates[index], to: position }));
    });
    const properCrossing = (a: typeof segments[number], b: typeof segments[number]) => {
      const orientation = (p: number[], q: number[], r: number[]) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
      const d1 = orientation(a.from, a.to, b.from);
      const d2 = orientation(a.from, a.to, b.to);
      const d3 = orientation(b.from, b.to, a.from);
      const d4 = orientation(b.from, b.to, a.to);
      const scale = 1e-14;
      return d1 * d2 < -scale && d3 * d4 < -scale;
    };
    const crossings: string[] = [];
    for (let i = 0; i < segments.length; i += 1) {
      for (let j = i + 1; j < segments.length; j += 1) {
        if (segments[i].edge !== segments[j].edge && properCrossing(segments[i], segments[j])) crossings.push(`${segments[i].edge} × ${segments[j].edge}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('gives every edge a kind and its length in metres', () => {
    for (const edge of edges) {
      expect(['street', 'lane', 'path'], edge.id).toContain(edge.properties.kind);
      const measured = distance(point((edge.geometry as LineString).coordinates[0]), point((edge.geometry as LineString).coordinates.at(-1)!), { units: 'meters' });
      expect(Number(edge.properties.length_metres), edge.id).toBeGreaterThan(0);
      expect(Number(edge.properties.length_metres) * 1.01 + 0.2, edge.id).toBeGreaterThanOrEqual(measured);
    }
  });

  it('gives every edge its length on the WGS 84 ellipsoid (GeographicLib geodesics, within 0.01 % and the 0.1 m rounding)', () => {
    for (const edge of edges) {
      const coordinates = (edge.geometry as LineString).coordinates;
      const geodesic = coordinates.slice(1).reduce((total, position, index) =>
        total + Geodesic.WGS84.Inverse(coordinates[index][1], coordinates[index][0], position[1], position[0]).s12!, 0);
      expect(Math.abs(Number(edge.properties.length_metres) - geodesic), edge.id).toBeLessThanOrEqual(geodesic * 1e-4 + 0.05);
    }
  });
});
