// osmtogeojson 2.2 ships no types: the part of its API the importer uses.
declare module 'osmtogeojson' {
  import type { FeatureCollection } from 'geojson';
  interface OsmToGeojsonOptions {
    flatProperties?: boolean;
    verbose?: boolean;
    uninterestingTags?: Record<string, boolean> | ((tags: Record<string, string>, ignoreTags: unknown) => boolean);
    polygonFeatures?: unknown;
  }
  function osmtogeojson(data: unknown, options?: OsmToGeojsonOptions): FeatureCollection;
  export default osmtogeojson;
}
