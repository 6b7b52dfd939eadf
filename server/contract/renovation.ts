import { z } from '@hono/zod-openapi';
import {
  confidenceLevels, liftCountMaximum, renovationAssumableFields, renovationNoteLength, renovationSources, renovationStatuses, renovationYearRange,
} from './vocabulary/renovation.ts';

/**
 * The renovation records of the estates (综合整新, 旧住房成套改造, 雨污分流, 加装电梯): one record per
 * estate, its patch and its history. The vocabulary they use is in vocabulary/renovation.ts.
 */

const Year = z.number({ message: 'must be a whole year' }).int('must be a whole year')
  .min(renovationYearRange.minimum, `must be ${renovationYearRange.minimum} or later`)
  .max(renovationYearRange.maximum, `must be ${renovationYearRange.maximum} or earlier`);

/** One kind of works on one estate: its status, the year work started and the year it is (or is to be) done. */
export const RenovationWork = z.object({
  status: z.enum(renovationStatuses),
  /** Year work started (null: not known, or the same year as `year`). */
  startYear: Year.nullable(),
  /** Done: the year it was finished. In progress or planned: the year it is expected to finish. */
  year: Year.nullable(),
  /** The plan projects that carry the works (codes of the project registry). */
  projectCodes: z.array(z.string()),
}).openapi('RenovationWork');
export type RenovationWork = z.infer<typeof RenovationWork>;

/** 加装电梯: lifts added to walk-up blocks. null: not known. */
export const RenovationLifts = z.object({
  installed: z.number().int().min(0).max(liftCountMaximum).nullable(),
  planned: z.number().int().min(0).max(liftCountMaximum).nullable(),
  projectCodes: z.array(z.string()),
}).openapi('RenovationLifts');
export type RenovationLifts = z.infer<typeof RenovationLifts>;

/** GET /api/renovation/{estateKey}: one estate's record (strong ETag in the header). */
export const RenovationRecord = z.object({
  estateKey: z.string(),
  estateName: z.string(),
  /** 居委 from the estate feature; 未知 when it has none. */
  residentsCommittee: z.string(),
  buildEra: z.string().nullable(),
  households: z.number(),
  residents: z.number(),
  /** One of the plan's demonstration areas (潍坊四村, 潍坊八村, 王家宅). */
  demonstration: z.boolean(),
  comprehensiveRenovation: RenovationWork,
  flatRetrofit: RenovationWork,
  sewerSeparation: RenovationWork,
  lifts: RenovationLifts,
  source: z.enum(renovationSources),
  confidence: z.enum(confidenceLevels),
  /** Which fields are assumed (see renovationAssumableFields). */
  assumptions: z.array(z.string()),
  note: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
}).openapi('RenovationRecord');
export type RenovationRecord = z.infer<typeof RenovationRecord>;

/** GET /api/renovation */
export const RenovationList = z.object({ estates: z.array(RenovationRecord) }).openapi('RenovationList');
export type RenovationList = z.infer<typeof RenovationList>;

/**
 * PATCH /api/renovation/{estateKey}: a JSON merge patch (RFC 7396) of the editable fields, with
 * If-Match. Unknown fields answer 422 naming the field. Setting a field removes it from
 * `assumptions` unless the patch sets `assumptions` itself.
 */
export const RenovationPatch = z.object({
  comprehensiveRenovation: RenovationWork.partial().optional(),
  flatRetrofit: RenovationWork.partial().optional(),
  sewerSeparation: RenovationWork.partial().optional(),
  lifts: RenovationLifts.partial().optional(),
  source: z.enum(renovationSources).optional(),
  confidence: z.enum(confidenceLevels).optional(),
  assumptions: z.array(z.enum(renovationAssumableFields)).optional(),
  note: z.string().max(renovationNoteLength).optional(),
}).openapi('RenovationPatch');
export type RenovationPatch = z.infer<typeof RenovationPatch>;

/** GET /api/renovation/{estateKey}/history: every version, oldest first. */
export const RenovationHistory = z.object({
  estateKey: z.string(),
  currentVersion: z.number().int(),
  versions: z.array(z.object({
    version: z.number().int(),
    operation: z.enum(['seed', 'update']),
    actor: z.string(),
    recordedAt: z.string(),
    before: RenovationRecord.nullable(),
    after: RenovationRecord,
  })),
}).openapi('RenovationHistory');
export type RenovationHistory = z.infer<typeof RenovationHistory>;

