import { z } from '@hono/zod-openapi';
import { AsOfDate } from '../as-of/as-of-query.ts';
import { Geometry } from './geojson.ts';
import { decimalNumber } from './ogc.ts';
import { walkingSpeeds } from './vocabulary/walking.ts';

/**
 * Requests and answers of the life-circle routes: coverage by facility type, one estate, the
 * walk from a point, isochrones and the standards. Speeds are in metres per second (the
 * vocabulary's walkingSpeeds). Every answer for a date counts the facilities open on `asOf`
 * (default today in Shanghai).
 */

const { minimumMetresPerSecond, maximumMetresPerSecond, standardMetresPerSecond, elderlyMetresPerSecond } = walkingSpeeds;

const Speed = z
  .string()
  .regex(decimalNumber, 'speed must be a number of metres per second, e.g. 1.0')
  .transform(Number)
  .pipe(z.number()
    .min(minimumMetresPerSecond, `speed must be at least ${minimumMetresPerSecond} m/s (a very slow walk)`)
    .max(maximumMetresPerSecond, `speed must be at most ${maximumMetresPerSecond} m/s (a run)`))
  // Rounded to centimetres per second: closer speeds give the same answer, and one cached answer.
  .transform((speed) => Math.round(speed * 100) / 100)
  .default(standardMetresPerSecond)
  .openapi({ type: 'number', example: standardMetresPerSecond, description: `Walking speed in m/s: ${standardMetresPerSecond} default (60 m/min), ${elderlyMetresPerSecond} for older residents` });

const FacilityTypeList = z
  .string()
  .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'types must be facility type keys separated by commas, e.g. community_health_center,wet_market')
  .transform((text) => text.split(','))
  .optional()
  .openapi({ type: 'string', example: 'community_health_center,elderly_day_care' });

const Longitude = z.string().regex(decimalNumber, 'longitude must be a number').transform(Number)
  .pipe(z.number().min(-180, 'longitude must be within -180…180').max(180, 'longitude must be within -180…180'));
const Latitude = z.string().regex(decimalNumber, 'latitude must be a number').transform(Number)
  .pipe(z.number().min(-90, 'latitude must be within -90…90').max(90, 'latitude must be within -90…90'));

const Placeholders = z
  .enum(['exclude', 'include'], { message: 'placeholders must be exclude or include' })
  .default('exclude')
  .openapi({ description: 'Count the placeholder facilities (stand-ins where a type has no known site)? Default: exclude' });

export const distanceModes = ['network', 'straight-line'] as const;

/** asOf: only the facilities open on that date count; without it, those open today in Shanghai. */
export const CoverageQuery = z.object({
  types: FacilityTypeList,
  speed: Speed,
  placeholders: Placeholders,
  mode: z.enum(distanceModes, { message: 'mode must be network or straight-line' }).default('network'),
  asOf: AsOfDate,
});

export const EstateParameters = z.object({
  estateId: z.string().max(200).openapi({ param: { name: 'estateId', in: 'path' } }),
});

/** asOf (YYYY-MM-DD, default today in Shanghai): only the facilities open on that date count, as in GET /api/coverage. */
export const PointQuery = z.object({ longitude: Longitude, latitude: Latitude, speed: Speed, placeholders: Placeholders, asOf: AsOfDate });

const MinuteList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'minutes must be whole minutes separated by commas, e.g. 5,10,15')
  .transform((text) => text.split(',').map(Number))
  .refine((minutes) => minutes.length <= 6 && minutes.every((value) => value >= 1 && value <= 60), 'minutes must be 1 to 6 values, each from 1 to 60')
  .default([5, 10, 15])
  .openapi({ type: 'string', example: '5,10,15' });

export const IsochroneQuery = z
  .object({
    facility: z.string().max(200).optional().openapi({ description: 'a facility id' }),
    type: z.string().regex(/^[a-z0-9_]+$/, 'type must be one facility type key').optional(),
    point: z
      .string()
      .transform((text, context) => {
        const parts = text.split(',').map((part) => part.trim());
        const values = parts.map(Number);
        if (parts.length !== 2 || !parts.every((part) => decimalNumber.test(part)) || Math.abs(values[0]) > 180 || Math.abs(values[1]) > 90) {
          context.addIssue({ code: 'custom', message: 'point must be longitude,latitude in WGS 84, e.g. 121.52,31.225' });
          return z.NEVER;
        }
        return values as [number, number];
      })
      .optional()
      .openapi({ type: 'string', example: '121.52,31.225' }),
    minutes: MinuteList,
    speed: Speed,
    placeholders: Placeholders,
    asOf: AsOfDate,
  })
  .refine((query) => [query.facility, query.type, query.point].filter((value) => value !== undefined).length === 1, {
    message: 'give exactly one of facility, type or point',
  });

/** GET /coverage/hex-grid: one facility type; asOf, speed and placeholders as in GET /api/coverage. */
export const HexGridQuery = z.object({
  type: z.string().regex(/^[a-z0-9_]+$/, 'type must be one facility type key, e.g. community_health_center')
    .openapi({ example: 'community_health_center', description: 'The facility type walked to' }),
  speed: Speed,
  placeholders: Placeholders,
  asOf: AsOfDate,
});

export const StandardParameters = z.object({
  facilityType: z.string().max(100).openapi({ param: { name: 'facilityType', in: 'path' } }),
});

export const StandardUpdate = z.object({
  maxWalkMetres: z
    .number({ message: 'maxWalkMetres must be a number of metres, or null for the level default' })
    .min(50, 'maxWalkMetres must be at least 50 m')
    .max(5000, 'maxWalkMetres must be at most 5000 m')
    .nullable(),
}).strict();

// ---------------------------------------------------------------- answers

const thresholdBases = ['standard', 'level', 'edited'] as const;
const minuteShares = z.record(z.string(), z.number()).openapi({ description: 'By minute band: 5, 10 and 15' });

export const TypeCoverage = z.object({
  facilityType: z.string(),
  nameZh: z.string(),
  /** The life-circle level of its standard: 5, 10, 15, '15;10' or block (街坊). */
  level: z.string(),
  /** The distance the type is held to, and which rule gave it. */
  walkMetres: z.number(),
  basis: z.enum(thresholdBases),
  facilityCount: z.number().int(),
  /** Stand-in sites of the type, counted only with placeholders=include. */
  placeholderCount: z.number().int(),
  /** False when the data knows no real site of the type (nor a stand-in, when they are counted): the shares are then no data (无数据), not 0 %. */
  hasData: z.boolean(),
  residentsShare: z.number(),
  elderlyShare: z.number(),
  estatesShare: z.number(),
  /** Share of residents within 5, 10 and 15 minutes. */
  residentsShareWithinMinutes: minuteShares,
  /** Residents by the band of their walk: 0–5, 5–10, 10–15, over 15 minutes, and unreachable. */
  residentsByMinuteBand: z.object({ upTo5: z.number(), upTo10: z.number(), upTo15: z.number(), over15: z.number(), unreachable: z.number() }),
}).openapi('TypeCoverage');

export const EstateCoverage = z.object({
  id: z.string(),
  name: z.string(),
  residents: z.number(),
  residentsAged60Plus: z.number(),
  /** Per type: metres (and minutes) to the nearest facility, or null where none is reachable. */
  walkMetres: z.record(z.string(), z.number().nullable()),
  walkMinutes: z.record(z.string(), z.number().nullable()),
  nearestFacility: z.record(z.string(), z.string().nullable()),
  /** Types not within their distance: the estate's gap list. */
  gaps: z.array(z.string()),
  hasAllEssentials: z.boolean(),
}).openapi('EstateCoverage');

const EssentialGroup = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), facilityTypes: z.array(z.string()) });

/** GET /coverage */
export const CoverageAnswer = z.object({
  mode: z.enum(distanceModes),
  speedMetresPerSecond: z.number(),
  totalResidents: z.number(),
  byType: z.array(TypeCoverage),
  byUnit: z.array(EstateCoverage),
  /** hasData: every group has data; otherwise the share is no data (无数据). */
  allEssentials: z.object({ groups: z.array(EssentialGroup), residentsShare: z.number(), elderlyShare: z.number(), hasData: z.boolean() }),
  /** Each essential group on its own: residents with any of its types within that type's distance; hasData when one of its types has. */
  byGroup: z.array(EssentialGroup.extend({ residentsShare: z.number(), elderlyShare: z.number(), estatesShare: z.number(), hasData: z.boolean() })),
  /** Changes whenever the network, facilities, estates or standards behind the answer change. */
  revision: z.string(),
  /** The walking graph: its size, whether it is one piece, how long it took to build. */
  network: z.object({ edges: z.number().int(), nodes: z.number().int(), parts: z.number().int(), largestPartShare: z.number(), builtMilliseconds: z.number() }),
  includePlaceholders: z.boolean(),
  asOf: z.string(),
  /** The facilities left out: not open on the date. */
  facilitiesNotOpen: z.array(z.string()),
}).openapi('Coverage');
export type CoverageAnswer = z.infer<typeof CoverageAnswer>;

const StandardUsed = z.object({ facilityType: z.string(), nameZh: z.string(), walkMetres: z.number(), basis: z.enum(thresholdBases) });

/** GET /coverage/estates/{estateId} */
export const EstateCoverageAnswer = z.object({
  estate: EstateCoverage,
  standards: z.array(StandardUsed),
  mode: z.enum(distanceModes),
  speedMetresPerSecond: z.number(),
  asOf: z.string(),
}).openapi('EstateCoverageAnswer');

/** GET /coverage/point */
export const PointWalk = z.object({
  longitude: z.number(),
  latitude: z.number(),
  speedMetresPerSecond: z.number(),
  asOf: z.string(),
  /** The walk from the point to its street, part of every distance. */
  accessMetres: z.number(),
  byType: z.array(StandardUsed.omit({ basis: true }).extend({
    distanceMetres: z.number().nullable(),
    minutes: z.number().nullable(),
    withinStandard: z.boolean(),
    facility: z.object({ id: z.string(), name: z.string() }).nullable(),
  })),
}).openapi('PointWalk');
export type PointWalk = z.infer<typeof PointWalk>;

/** GET /isochrones: one area per minute band, largest first. */
export const Isochrones = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: Geometry,
    properties: z.object({
      minutes: z.number(),
      distanceMetres: z.number(),
      speedMetresPerSecond: z.number(),
      streetsReached: z.number().int(),
      sources: z.number().int(),
    }),
  })),
}).openapi('Isochrones');
export type Isochrones = z.infer<typeof Isochrones>;

/** GET /coverage/hex-grid: the gap heat map of one type on H3 cells (resolution 10, about 66 m across). */
export const HexGrid = z.object({
  facilityType: z.string(),
  nameZh: z.string(),
  /** The distance the type is held to, and the same at the speed asked for. */
  thresholdMetres: z.number(),
  thresholdMinutes: z.number(),
  speedMetresPerSecond: z.number(),
  includePlaceholders: z.boolean(),
  asOf: z.string(),
  /** The facilities of the type counted (open on the date); 0: every cell is no data, not unreachable. */
  facilityCount: z.number().int(),
  resolution: z.number().int(),
  cells: z.array(z.object({
    /** The H3 index: the client draws the hexagon from it. */
    cell: z.string(),
    /** Minutes from the cell's centre to the nearest facility (to 0.1), the walk to the nearest street included; null: unreachable or off the network, not 0. */
    walkMinutes: z.number().nullable(),
    /** Estimated: each estate's residents spread over its cells by the share of its area, rounded to whole residents so that they add up to the estates' total. */
    residents: z.number().int(),
  })),
  summary: z.object({
    cells: z.number().int(),
    residents: z.number().int(),
    /** Residents of the cells reachable only beyond the type's distance. */
    residentsBeyondThreshold: z.number().int(),
    residentsUnreachable: z.number().int(),
  }),
}).openapi('HexGrid');
export type HexGrid = z.infer<typeof HexGrid>;

/** One life-circle standard as stored. */
export const FacilityStandard = z.object({
  facilityType: z.string(),
  nameZh: z.string(),
  /** The life-circle level(s): 15, 10, 5, or '15;10'. */
  level: z.string(),
  maxWalkMetres: z.number().nullable(),
  scale: z.string().nullable(),
  source: z.string(),
  confidence: z.string(),
  /** When a planner last edited it; null: the standard's own values. */
  editedAt: z.string().nullable(),
  /** Counts every change; the ETag ("standard-<type>-<version>") an edit sends back as If-Match. */
  version: z.number().int(),
}).openapi('FacilityStandard');
export type FacilityStandard = z.infer<typeof FacilityStandard>;

/** GET /facility-standards/{type}/history: every planner's edit, newest first (who, when, before, after). */
export const FacilityStandardHistory = z.object({
  facilityType: z.string(),
  currentVersion: z.number().int(),
  edits: z.array(z.object({
    version: z.number().int(),
    operation: z.enum(['set-distance', 'undo-edit']),
    actor: z.string(),
    recordedAt: z.string(),
    before: FacilityStandard,
    after: FacilityStandard,
  })),
}).openapi('FacilityStandardHistory');

/** GET /facility-standards: each standard with the distance the analysis uses and why (null: no band). */
export const FacilityStandardList = z.object({
  standards: z.array(FacilityStandard.extend({ walkMetres: z.number().nullable(), basis: z.enum(thresholdBases).nullable() })),
}).openapi('FacilityStandardList');
