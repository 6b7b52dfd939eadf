import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/**
 * The collection without empty areas: rings with no positions are left out of each polygon, a
 * polygon without its outer ring is left out, and a feature with no polygon left is dropped.
 * The isochrones of a type with no facility arrive as empty MultiPolygons, which deck.gl
 * refuses with a "MultiPolygon coordinates are malformed" warning (it looks at the first ring).
 * Other geometries pass unchanged; the same collection is returned when nothing was empty.
 */
export function dropEmptyAreas<Properties>(collection: FeatureCollection<Geometry, Properties>): FeatureCollection<Geometry, Properties> {
  let changed = false;
  const features: Array<Feature<Geometry, Properties>> = [];
  for (const feature of collection.features) {
    const geometry = withoutEmptyRings(feature.geometry);
    if (geometry === feature.geometry) {
      features.push(feature);
      continue;
    }
    changed = true;
    if (geometry) features.push({ ...feature, geometry });
  }
  return changed ? { ...collection, features } : collection;
}

const keepRings = (polygon: Position[][]) => polygon.filter((ring) => ring.length > 0);

/** The geometry itself when nothing is empty, a new one without the empty parts, or null when nothing is left. */
function withoutEmptyRings(geometry: Geometry | null): Geometry | null {
  if (geometry?.type === 'Polygon') {
    // A polygon without an outer ring has no area, whatever its holes say.
    if (!geometry.coordinates[0]?.length) return null;
    const rings = keepRings(geometry.coordinates);
    return rings.length === geometry.coordinates.length ? geometry : { type: 'Polygon', coordinates: rings };
  }
  if (geometry?.type === 'MultiPolygon') {
    const polygons = geometry.coordinates.filter((polygon) => polygon[0]?.length).map(keepRings);
    if (polygons.length === 0) return null;
    const unchanged = polygons.length === geometry.coordinates.length && polygons.every((polygon, index) => polygon.length === geometry.coordinates[index].length);
    return unchanged ? geometry : { type: 'MultiPolygon', coordinates: polygons };
  }
  return geometry;
}
