import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { FieldProblem } from '../api/api-client.ts';
import type { LinkedFeatureReference } from '../api/projects.ts';
import { todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import { actionPlanEndDate } from '../../server/contract/vocabulary/projects.ts';

/**
 * Pure functions of the project form: a project's properties as form values and back, the body
 * of a PATCH, the server's problems by form field, the drawn shapes as one project geometry, and
 * two versions of a project compared field by field (the conflict dialog).
 */

export type { LinkedFeatureReference };

/** The form's values. Numbers stay text while typed, so a wrong entry reaches the server's own check and message. */
export interface ProjectFormValues {
  title_zh: string;
  action: string;
  item: string;
  lead_unit: string;
  partner_units: string[];
  status: string;
  start_date: string;
  end_date: string;
  progress_percent: string;
  budget_ten_thousand_yuan: string;
  description: string;
  linked_features: LinkedFeatureReference[];
}

export type ProjectFormField = keyof ProjectFormValues;

/** The fields in the order the form and the conflict dialog show them. */
export const projectFormFields: ProjectFormField[] = [
  'title_zh', 'action', 'item', 'lead_unit', 'partner_units', 'status', 'start_date', 'end_date', 'progress_percent',
  'budget_ten_thousand_yuan', 'description', 'linked_features',
];

/**
 * A new project's starting values: planned, nothing done yet, starting today and planned to end
 * with the action plan's period or a year from today, whichever is later, so that a project saved
 * as it opens is not overdue (逾期) from its first day.
 */
export function emptyProjectForm(today: string = todayInShanghai()): ProjectFormValues {
  const yearFromToday = sameDayNextYear(today);
  return {
    title_zh: '', action: 'built_form', item: '6', lead_unit: '', partner_units: [], status: 'planned',
    start_date: today, end_date: yearFromToday > actionPlanEndDate ? yearFromToday : actionPlanEndDate, progress_percent: '0',
    budget_ten_thousand_yuan: '', description: '', linked_features: [],
  };
}

/** YYYY-MM-DD a year later; 29 February becomes 28 February, the same month's last day. */
function sameDayNextYear(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const lastDayOfMonth = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  return `${String(year + 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDayOfMonth)).padStart(2, '0')}`;
}

const textOf = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export function formFromProperties(properties: Record<string, unknown>): ProjectFormValues {
  return {
    title_zh: textOf(properties.title_zh),
    action: textOf(properties.action),
    item: textOf(properties.item),
    lead_unit: textOf(properties.lead_unit),
    partner_units: Array.isArray(properties.partner_units) ? properties.partner_units.map(String) : [],
    status: textOf(properties.status),
    start_date: textOf(properties.start_date),
    end_date: textOf(properties.end_date),
    progress_percent: textOf(properties.progress_percent),
    budget_ten_thousand_yuan: textOf(properties.budget_ten_thousand_yuan),
    description: textOf(properties.description),
    linked_features: Array.isArray(properties.linked_features)
      ? (properties.linked_features as LinkedFeatureReference[]).map((link) => ({ collection_id: String(link.collection_id), feature_key: String(link.feature_key) }))
      : [],
  };
}

/** Text as a number for the API; empty text is null (the server then names the field), other text that is not a number is sent as typed. */
function numberOrText(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** The form's values as the API's project properties (snake_case, numbers as numbers). */
export function propertiesFromForm(form: ProjectFormValues): Record<string, unknown> {
  return {
    title_zh: form.title_zh,
    action: form.action,
    item: numberOrText(form.item),
    lead_unit: form.lead_unit.trim(),
    partner_units: form.partner_units,
    status: form.status,
    start_date: form.start_date,
    end_date: form.end_date,
    progress_percent: numberOrText(form.progress_percent),
    budget_ten_thousand_yuan: numberOrText(form.budget_ten_thousand_yuan),
    description: form.description,
    linked_features: form.linked_features,
  };
}

/** Order-insensitive for object keys, so that the same value read back from the server compares equal. */
export function sameValue(first: unknown, second: unknown): boolean {
  return canonicalJson(first) === canonicalJson(second);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  // A missing value and null mean the same to a form (e.g. no budget).
  return JSON.stringify(value ?? null);
}

/**
 * The body of a PATCH that turns `against` (a project as the server holds it) into the form's
 * values and `geometry`: only the members that differ, so that an unchanged field stays as it is
 * (and stays marked as an assumption), plus the `confirmed` fields even if unchanged (the editor
 * confirmed them, so they are recorded, no longer assumed). Against the version the form was
 * opened from this is a normal save; against the current version after a conflict it is "keep mine".
 */
export function buildPatchBody(
  against: { properties: Record<string, unknown>; geometry: Geometry | null },
  form: ProjectFormValues,
  geometry: Geometry | null,
  confirmed: readonly ProjectFormField[] = [],
): { properties: Record<string, unknown>; geometry?: Geometry } {
  const wanted = propertiesFromForm(form);
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if ((confirmed as readonly string[]).includes(key) || !sameValue(value, against.properties[key] ?? (key === 'partner_units' || key === 'linked_features' ? [] : key === 'description' ? '' : null))) {
      properties[key] = value;
    }
  }
  const body: { properties: Record<string, unknown>; geometry?: Geometry } = { properties };
  if (geometry && !sameValue(geometry, against.geometry)) body.geometry = geometry;
  return body;
}

/**
 * The server's problems by form field: `properties.partner_units.2` belongs to partner_units,
 * anything about the geometry to `geometry`, and what names no field of the form (the Feature's
 * type, unknown properties) to `general`.
 */
export function problemsByField(problems: FieldProblem[]): Record<string, FieldProblem[]> {
  const byField: Record<string, FieldProblem[]> = {};
  for (const problem of problems) {
    const parts = problem.field.split('.');
    let field = 'general';
    if (parts[0] === 'geometry') field = 'geometry';
    else if (parts[0] === 'properties' && (projectFormFields as string[]).includes(parts[1] ?? '')) field = parts[1];
    (byField[field] ??= []).push(problem);
  }
  return byField;
}

/** The shapes drawn, as the one geometry a project has; a mix of areas, lines and points cannot be one. */
export type CombinedGeometry = { geometry: Geometry | null; mixed: boolean };

export function combineDrawnGeometries(geometries: Geometry[]): CombinedGeometry {
  const polygons: Position[][][] = [];
  const lines: Position[][] = [];
  const points: Position[] = [];
  for (const geometry of geometries) {
    if (geometry.type === 'Polygon') polygons.push(geometry.coordinates);
    else if (geometry.type === 'MultiPolygon') polygons.push(...geometry.coordinates);
    else if (geometry.type === 'LineString') lines.push(geometry.coordinates);
    else if (geometry.type === 'MultiLineString') lines.push(...geometry.coordinates);
    else if (geometry.type === 'Point') points.push(geometry.coordinates);
    else if (geometry.type === 'MultiPoint') points.push(...geometry.coordinates);
  }
  const kinds = [polygons, lines, points].filter((parts) => parts.length > 0).length;
  if (kinds === 0) return { geometry: null, mixed: false };
  if (kinds > 1) return { geometry: null, mixed: true };
  if (polygons.length > 0) return { geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }, mixed: false };
  if (lines.length > 0) return { geometry: lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines }, mixed: false };
  return { geometry: points.length === 1 ? { type: 'Point', coordinates: points[0] } : { type: 'MultiPoint', coordinates: points }, mixed: false };
}

/** A project geometry as separate shapes the drawing tools can edit one by one. */
export function splitGeometry(geometry: Geometry | null): (Polygon | LineString | Point)[] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Polygon': case 'LineString': case 'Point': return [geometry];
    case 'MultiPolygon': return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    case 'MultiLineString': return geometry.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
    case 'MultiPoint': return geometry.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
    case 'GeometryCollection': return geometry.geometries.flatMap(splitGeometry);
    default: return [];
  }
}

/** One row of the conflict dialog: a field, its value in my version and in the current one. */
export interface VersionDifference {
  field: ProjectFormField | 'geometry';
  mine: unknown;
  theirs: unknown;
  differs: boolean;
}

/** My unsaved version against the version now stored, field by field, in the form's order. */
export function compareProjectVersions(
  mine: { form: ProjectFormValues; geometry: Geometry | null },
  theirs: { properties: Record<string, unknown>; geometry: Geometry | null },
): VersionDifference[] {
  const myProperties = propertiesFromForm(mine.form);
  const theirProperties = propertiesFromForm(formFromProperties(theirs.properties));
  const rows: VersionDifference[] = projectFormFields.map((field) => ({
    field,
    mine: myProperties[field],
    theirs: theirProperties[field],
    differs: !sameValue(myProperties[field], theirProperties[field]),
  }));
  rows.push({ field: 'geometry', mine: mine.geometry, theirs: theirs.geometry, differs: !sameValue(mine.geometry, theirs.geometry) });
  return rows;
}
