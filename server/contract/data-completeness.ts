import { z } from '@hono/zod-openapi';
import { importChannels } from './vocabulary/import.ts';
import { provenanceKinds } from './vocabulary/provenance.ts';

/** GET /data-completeness: how much of each layer and facility type is real, estimated or placeholder, and what to import first. */

const Counts = z.record(z.enum(provenanceKinds), z.number().int()).openapi({ description: 'Features by kind: surveyed, located, estimated, placeholder, unknown' });

export const ImportFirstEntry = z.object({
  kind: z.enum(['facility-group', 'layer', 'facility-type']),
  /** The basic-service group (health, elderly…), the collection id or the facility type. */
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** The facility types the entry asks for (none for a layer). */
  facilityTypes: z.array(z.string()),
  reasonZh: z.string(),
  reason: z.string(),
}).openapi('ImportFirstEntry');
export type ImportFirstEntry = z.infer<typeof ImportFirstEntry>;

/** One file an import brought in: who, when, from what, and what it changed. */
export const ImportRecordAnswer = z.object({
  collectionId: z.string(),
  collectionTitle: z.string(),
  fileName: z.string(),
  format: z.string(),
  importedBy: z.enum(importChannels),
  /** The signed-in editor who imported it (importedBy session); null otherwise. */
  importedByUser: z.string().nullable(),
  importedAt: z.string(),
  added: z.number().int(), changed: z.number().int(), removed: z.number().int(), bad: z.number().int(),
}).openapi('ImportRecord');
export type ImportRecordAnswer = z.infer<typeof ImportRecordAnswer>;

export const DataCompleteness = z.object({
  kinds: z.array(z.enum(provenanceKinds)),
  layers: z.array(z.object({
    collectionId: z.string(), title: z.string(), titleEn: z.string(), total: z.number().int(), counts: Counts,
    /** Surveyed and located among all; null for an empty layer (no data, not 0 %). */
    realShare: z.number().nullable(),
  })),
  facilityTypes: z.array(z.object({
    facilityType: z.string(), nameZh: z.string(),
    /** The life-circle level of its standard (5, 10, 15, block), or null for a type without a standard. */
    level: z.string().nullable(),
    /** The basic-service group it counts in (health, elderly…), or null. */
    essentialGroup: z.string().nullable(),
    total: z.number().int(), counts: Counts,
    /** A site that is not a placeholder is known (surveyed, located or estimated): as the coverage's hasData. */
    hasRealSite: z.boolean(),
  })),
  /** The first entries of the list, most needed first. */
  importFirst: z.array(ImportFirstEntry),
  /** How long the whole list is. */
  importFirstTotal: z.number().int(),
  /** The latest imports, newest first: who brought which file into which layer. */
  recentImports: z.array(ImportRecordAnswer),
}).openapi('DataCompleteness');
export type DataCompleteness = z.infer<typeof DataCompleteness>;
