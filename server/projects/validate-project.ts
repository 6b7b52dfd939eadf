import type { Geometry } from '../contract/geojson.ts';
import type { z } from '@hono/zod-openapi';
import type { FieldProblem } from '../contract/errors.ts';
import { ProjectProperties, type ProjectPropertiesValue } from '../contract/projects.ts';
import { projectFieldNamesZh, projectGeometryTypes, projectLimits, readOnlyProjectFields } from '../contract/vocabulary/projects.ts';
import type { Queryable } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { findGeometryProblems } from '../geo/check-geojson.ts';
import { checkGeometryValidity, checkWithinSubdistrict, findMissingLinkedFeatures } from '../queries/projects.ts';

/** A project write that breaks a rule (422), every problem naming its field; for an invalid geometry, PostGIS's repair to offer. */
export function invalidProject(problems: FieldProblem[], suggestedGeometry?: Geometry): RequestError {
  return new RequestError(
    422, 'InvalidProject',
    problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
    problems.map((problem) => `${fieldNameZh(problem.field)}：${problem.messageZh}`).join('；'),
    { problems, ...(suggestedGeometry ? { suggestedGeometry } : {}) },
  );
}

/** Reads a request body as JSON: 400 for anything that is not a JSON object. */
/** `expected` names the object the route takes, in English and Chinese, for the message. */
export function parseJsonObject(text: string, expected: { en: string; zh: string } = { en: 'a GeoJSON Feature', zh: 'GeoJSON Feature' }): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RequestError(400, 'MalformedJson', `The request body is not valid JSON (${(error as Error).message})`, '请求内容不是有效的 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestError(400, 'MalformedJson', `The request body must be a JSON object (${expected.en})`, `请求内容必须是 JSON 对象（${expected.zh}）`);
  }
  return value as Record<string, unknown>;
}

/** The field's name in Chinese: properties.partner_units.2 → 配合单位（第 3 项）. */
export function fieldNameZh(field: string): string {
  const parts = field.split('.');
  const named = parts[0] === 'properties' && parts.length > 1 ? parts.slice(1) : parts;
  const base = projectFieldNamesZh[String(named[0])] ?? named[0];
  const index = named.find((part) => /^\d+$/.test(part));
  return index === undefined ? base : `${base}（第 ${Number(index) + 1} 项）`;
}

const typeNamesZh: Record<string, string> = { string: '文本', number: '数字', int: '整数', array: '数组', object: '对象', boolean: '布尔值', null: '空值' };

/** A zod issue as a problem in English and Chinese that names the field. */
export function describeIssue(issue: z.core.$ZodIssue, prefix: string): FieldProblem[] {
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const label = fieldNameZh(field);
  const zh = (issue as { params?: { zh?: string } }).params?.zh;
  switch (issue.code) {
    case 'invalid_type': {
      const missing = /received undefined/.test(issue.message);
      return [{ field, message: missing ? 'is required' : `must be of type ${issue.expected}`, messageZh: missing ? '为必填项' : `类型不正确，应为${typeNamesZh[issue.expected] ?? issue.expected}` }];
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return [{ field, message: minimum <= 1 ? 'must not be empty' : `must have at least ${minimum} characters`, messageZh: minimum <= 1 ? '不能为空' : `至少 ${minimum} 个字符` }];
      if (issue.origin === 'array') return [{ field, message: `must have at least ${minimum} item(s)`, messageZh: `至少 ${minimum} 项` }];
      return [{ field, message: `must be at least ${minimum}`, messageZh: `不能小于 ${minimum}` }];
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return [{ field, message: `must have at most ${maximum} characters`, messageZh: `不能超过 ${maximum} 个字符` }];
      if (issue.origin === 'array') return [{ field, message: `must have at most ${maximum} item(s)`, messageZh: `最多 ${maximum} 项` }];
      return [{ field, message: `must be at most ${maximum}`, messageZh: `不能大于 ${maximum}` }];
    }
    case 'invalid_value':
      return [{ field, message: `must be one of: ${issue.values.map(String).join(', ')}`, messageZh: `必须是以下之一：${issue.values.map(String).join('、')}` }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ field: [field, key].filter(Boolean).join('.'), message: 'is not a property of a project', messageZh: '不是项目的属性' }));
    default:
      if (issue.code === 'invalid_format' || issue.code === 'custom') return [{ field, message: issue.message, messageZh: zh ?? issue.message }];
      return [{ field, message: issue.message, messageZh: zh ?? '取值不正确' }];
  }
}

/** Counts the positions of a geometry, stopping early past `limit`. */
export function countVertices(coordinates: unknown, limit = Infinity): number {
  if (!Array.isArray(coordinates)) return 0;
  if (coordinates.length > 0 && typeof coordinates[0] === 'number') return 1;
  let count = 0;
  for (const part of coordinates) {
    count += countVertices(part, limit - count);
    if (count > limit) break;
  }
  return count;
}

/** The structural checks of a project geometry, without the database. */
export function findProjectGeometryProblems(geometry: unknown): FieldProblem[] {
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) {
    return [{ field: 'geometry', message: geometry === undefined ? 'is required' : 'must be a GeoJSON geometry object', messageZh: geometry === undefined ? '为必填项' : '必须是 GeoJSON 几何对象' }];
  }
  const type = (geometry as { type?: unknown }).type;
  if (!(projectGeometryTypes as readonly unknown[]).includes(type)) {
    return [{ field: 'geometry.type', message: `must be one of ${projectGeometryTypes.join(', ')}, not ${JSON.stringify(type) ?? 'missing'}`, messageZh: `必须是 ${projectGeometryTypes.join('、')} 之一` }];
  }
  const vertices = countVertices((geometry as { coordinates?: unknown }).coordinates, projectLimits.vertices);
  if (vertices > projectLimits.vertices) {
    return [{ field: 'geometry.coordinates', message: `has more than ${projectLimits.vertices} vertices; simplify the shape`, messageZh: `顶点超过 ${projectLimits.vertices} 个，请简化图形` }];
  }
  return findGeometryProblems(geometry, 'geometry').map((problem) => {
    const [field, ...rest] = problem.split(': ');
    return { field, message: rest.join(': '), messageZh: `不符合 GeoJSON（RFC 7946）：${rest.join(': ')}` };
  });
}

/** The project's properties checked against the schema; read-only fields sent back are ignored. */
export function parseProjectProperties(properties: unknown): { value?: ProjectPropertiesValue; problems: FieldProblem[] } {
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return { problems: [{ field: 'properties', message: 'must be an object', messageZh: '必须是对象' }] };
  }
  const writable = Object.fromEntries(Object.entries(properties).filter(([key]) => !(readOnlyProjectFields as readonly string[]).includes(key)));
  const result = ProjectProperties.safeParse(writable);
  if (result.success) return { value: result.data, problems: [] };
  return { problems: result.error.issues.flatMap((issue) => describeIssue(issue, 'properties')) };
}

/**
 * Every check of a project write: the Feature's shape, the properties (zod), the geometry
 * (RFC 7946 structure, vertex count), then PostGIS: validity with the place of a
 * self-intersection and a repaired suggestion, the subdistrict plus its margin, and the linked
 * features. Throws a RequestError (422) listing every problem found.
 */
export async function validateProjectFeature(database: Queryable, feature: Record<string, unknown>): Promise<{ properties: ProjectPropertiesValue; geometry: Geometry }> {
  const problems: FieldProblem[] = [];
  if (feature.type !== 'Feature') problems.push({ field: 'type', message: 'must be "Feature"', messageZh: '必须是 "Feature"' });
  // RFC 7946 removed `crs`: a file that names EPSG:3857 may still hold longitudes and latitudes,
  // or metres; guessing would store the shape in the wrong place, so the sender says WGS 84.
  for (const [field, member] of [['crs', feature], ['geometry.crs', feature.geometry]] as const) {
    if (typeof member === 'object' && member !== null && 'crs' in member) {
      problems.push({ field, message: 'is not part of GeoJSON (RFC 7946 removed it): send coordinates as WGS 84 longitude and latitude, without crs', messageZh: '不属于 GeoJSON（RFC 7946 已取消 crs）：请以 WGS 84 经纬度发送坐标，不要带 crs' });
    }
  }
  const parsed = parseProjectProperties(feature.properties);
  problems.push(...parsed.problems);
  problems.push(...findProjectGeometryProblems(feature.geometry));
  if (problems.length > 0) throw invalidProject(problems);

  const geometry = feature.geometry as Geometry;
  const properties = parsed.value!;
  const validity = await checkGeometryValidity(database, geometry);
  if (!validity.valid) {
    const where = validity.location ? ` at ${validity.location[0]}, ${validity.location[1]}` : '';
    const selfIntersection = /self-intersection|ring self/i.test(validity.reason ?? '');
    throw invalidProject([{
      field: 'geometry',
      message: `is not a valid ${geometry.type}: ${validity.reason ?? 'invalid'}${where}${selfIntersection ? ' (its edges cross there: draw the outline without crossing itself, or use suggestedGeometry)' : ''}`,
      messageZh: `不是有效的图形：${selfIntersection ? '边线自相交' : validity.reason ?? '无效'}${validity.location ? `，位置 ${validity.location[0]}, ${validity.location[1]}` : ''}${selfIntersection ? '（请重新绘制使边线不交叉，或采用 suggestedGeometry 修复结果）' : ''}`,
    }], validity.repaired ?? undefined);
  }
  const extent = await checkWithinSubdistrict(database, geometry, projectLimits.boundaryMarginMetres);
  if (extent && !extent.within) {
    problems.push({
      field: 'geometry',
      message: `reaches outside 潍坊新村街道 plus ${projectLimits.boundaryMarginMetres} m (a point at ${extent.farthest[0]}, ${extent.farthest[1]} is ${Math.round(extent.outsideMetres)} m outside)`,
      messageZh: `超出潍坊新村街道范围及周边 ${projectLimits.boundaryMarginMetres} 米（点 ${extent.farthest[0]}, ${extent.farthest[1]} 在街道外 ${Math.round(extent.outsideMetres)} 米）`,
    });
  }
  for (const missing of await findMissingLinkedFeatures(database, properties.linked_features)) {
    problems.push({
      field: `properties.linked_features.${missing.index}`,
      message: `there is no feature "${missing.feature_key}" in collection "${missing.collection_id}"`,
      messageZh: `数据集“${missing.collection_id}”中没有要素“${missing.feature_key}”`,
    });
  }
  if (problems.length > 0) throw invalidProject(problems);
  return { properties, geometry };
}

/** RFC 7396 JSON merge patch: null removes a member, objects merge, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // Defined, not assigned: a member named "__proto__" (which JSON.parse makes an own member) stays
    // a member that validation refuses by name, instead of quietly replacing the object's prototype.
    else Object.defineProperty(result, key, { value: mergePatch(result[key], value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
