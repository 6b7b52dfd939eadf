import { z } from '@hono/zod-openapi';
import { AsOfDate } from './leaders.ts';
import { decimalNumber } from './ogc.ts';

/** Requests of the life-circle coverage routes. Speeds are in metres per second. */

export const defaultSpeedMetresPerSecond = 1.0;
export const elderlySpeedMetresPerSecond = 0.9;

const Speed = z
  .string()
  .regex(decimalNumber, 'speed must be a number of metres per second, e.g. 1.0')
  .transform(Number)
  .pipe(z.number().min(0.3, 'speed must be at least 0.3 m/s (a very slow walk)').max(3, 'speed must be at most 3 m/s (a run)'))
  // Rounded to centimetres per second: closer speeds give the same answer, and one cached answer.
  .transform((speed) => Math.round(speed * 100) / 100)
  .default(defaultSpeedMetresPerSecond)
  .openapi({ type: 'number', example: 1.0, description: 'Walking speed in m/s: 1.0 default (60 m/min), 0.9 for older residents' });

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

export const CoverageQuery = z.object({
  types: FacilityTypeList,
  speed: Speed,
  placeholders: Placeholders,
  mode: z.enum(['network', 'straight-line'], { message: 'mode must be network or straight-line' }).default('network'),
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
