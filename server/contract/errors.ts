import { z } from '@hono/zod-openapi';
import { FacilityStandard } from './coverage.ts';
import { Geometry } from './geojson.ts';
import { ImportReport } from './import.ts';
import { ProjectFeature } from './projects.ts';
import { RenovationRecord } from './renovation.ts';

/**
 * The one body of every answer that is not a success: what went wrong in English and Chinese,
 * a code a program can test, and where the request can be mended, the members that say how.
 * server/errors.ts writes it, for every route.
 */

/** One field's problem, in English and Chinese. */
export const FieldProblem = z.object({ field: z.string(), message: z.string(), messageZh: z.string() }).openapi('FieldProblem');
export type FieldProblem = z.infer<typeof FieldProblem>;

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  /** 422: each field that breaks a rule. */
  problems: z.array(FieldProblem).optional(),
  /** 422 for an invalid project geometry: PostGIS's ST_MakeValid repair, to offer the user. */
  suggestedGeometry: Geometry.optional(),
  /** 412: the version that is current now, and the record (a project, an estate's renovation record, a standard) as it is. */
  currentVersion: z.number().int().optional(),
  current: z.union([ProjectFeature, RenovationRecord, FacilityStandard]).optional(),
  /** 422 of an import: every bad row of the file; nothing was loaded. */
  report: ImportReport.optional(),
}).openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The members an error may carry beside its code and messages. */
export type ErrorDetails = Omit<ErrorBody, 'code' | 'message' | 'messageZh'>;

/** A documented failure answer: `description` says when it happens. */
export const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });
