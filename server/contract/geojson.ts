import { z } from '@hono/zod-openapi';

/**
 * GeoJSON (RFC 7946) as the API answers it: WGS 84 positions, the seven geometry types, and
 * Features and FeatureCollections with the properties each resource gives them. Shared by every
 * resource that answers GeoJSON, so that a map client reads one shape everywhere.
 */

/** [longitude, latitude] (and an altitude where the data has one). */
export const Position = z.array(z.number()).min(2).max(3).openapi('Position');

export const Point = z.object({ type: z.literal('Point'), coordinates: Position }).openapi('Point');
export const MultiPoint = z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }).openapi('MultiPoint');
export const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }).openapi('LineString');
export const MultiLineString = z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }).openapi('MultiLineString');
export const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }).openapi('Polygon');
/** An isochrone that reaches nothing is an empty MultiPolygon (no coordinates). */
export const MultiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }).openapi('MultiPolygon');

const simpleGeometries = [Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon] as const;
/** Any geometry but a collection: what a project, an impact question or a GeometryCollection's member may be. */
export const SimpleGeometry = z.discriminatedUnion('type', simpleGeometries).openapi('SimpleGeometry');
export const GeometryCollection = z.object({
  type: z.literal('GeometryCollection'),
  geometries: z.array(SimpleGeometry),
}).openapi('GeometryCollection');

export const Geometry = z.discriminatedUnion('type', [...simpleGeometries, GeometryCollection]).openapi('Geometry');
export type Geometry = z.infer<typeof Geometry>;

export const Link = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
}).openapi('Link');
export type Link = z.infer<typeof Link>;

/** A Feature whose properties follow `properties`; `id` is the feature's key in its collection. */
export function featureOf<Properties extends z.ZodType>(properties: Properties) {
  return z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: Geometry.nullable(),
    properties,
  });
}

/** A Feature as the collections store it: any properties (each dataset has its own). */
export const AnyProperties = z.record(z.string(), z.unknown());
export const StoredFeature = featureOf(AnyProperties).openapi('StoredFeature');
export type StoredFeature = z.infer<typeof StoredFeature>;
