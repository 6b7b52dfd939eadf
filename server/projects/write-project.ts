import type { Geometry } from '../contract/geojson.ts';
import type { ProjectPropertiesValue } from '../contract/projects.ts';
import type { ProjectAuditOperation } from '../contract/projects.ts';
import type { Database, Queryable } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { todayInShanghai } from '../contract/vocabulary/as-of.ts';
import {
  claimNextProjectCode, deleteProject, findProject, insertProject, insertProjectAudit, insertStatusReport, refreshProjectFeature, replaceProjectLinks, updateProject,
  type ProjectRecord, type StatusReportWrite,
} from '../queries/projects.ts';

/**
 * The writes of the project registry. Each runs in one transaction: the project row, its links,
 * its copy in the feature table and the audit record (who, when, version, before, after) are
 * written together or not at all. Optimistic locking: the caller says which version it edited
 * (from If-Match); a project changed since answers 412 and nothing is written.
 */

/** Strong entity tag of one version of one project (a deleted and re-created code gets a new id). */
export function projectEtag(record: { id: number; version: number }): string {
  return `"p${record.id}-v${record.version}"`;
}

/** RFC 9110 If-Match with strong comparison: "*" or a list of entity tags; weak tags never match. */
export function ifMatchAccepts(header: string, etag: string): boolean {
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  return (trimmed.match(/(W\/)?"[^"]*"/g) ?? []).some((tag) => tag === etag);
}

/** `readFrom`: the GET that answers the ETag, named in the message. */
export function preconditionRequired(readFrom = 'GET …/items/{code}'): RequestError {
  return new RequestError(428, 'PreconditionRequired',
    `Send If-Match with the ETag of the version you edited (read it from ${readFrom}), so that nobody's edit is lost`,
    `请在 If-Match 中提供所编辑版本的 ETag（来自 ${readFrom}），以免覆盖他人的修改`);
}

/** 412: the project changed since it was read; the answer carries the current version, to compare with. */
export function preconditionFailed(current: ProjectRecord): RequestError {
  return new RequestError(412, 'PreconditionFailed',
    `Project "${current.code}" has changed since you read it: it is now version ${current.version}. Nothing was changed; compare with the current version and try again`,
    `项目“${current.code}”在您读取后已被修改，当前为第 ${current.version} 版。本次未做任何更改，请对照当前版本后重试`,
    { currentVersion: current.version, current: current.feature });
}

export interface ProjectWrite {
  properties: ProjectPropertiesValue;
  geometry: Geometry;
}

/** The fields of a project's schedule: a write that changes one of them is a dated status report. */
export const scheduleFields = ['status', 'progress_percent', 'start_date', 'end_date', 'lead_unit'] as const;

/** The report a write adds: given by the caller (a schedule row, with its day), else one dated today when the schedule changed. */
export type ReportOfWrite = Pick<StatusReportWrite, 'reportedOn' | 'source' | 'figures' | 'assumptions'>;

function scheduleChanged(before: ProjectRecord['feature']['properties'], after: ProjectPropertiesValue): boolean {
  return scheduleFields.some((field) => before[field] !== after[field]);
}

/**
 * Creates a project under `requestedCode`, or, without one, under the next free code of its item,
 * claimed inside the same transaction so that simultaneous creates never collide.
 */
export async function createProject(database: Database, requestedCode: string | undefined, write: ProjectWrite, actor: string, operation: ProjectAuditOperation = 'create'): Promise<ProjectRecord> {
  try {
    return await database.transaction(async (transaction) => {
      const code = requestedCode ?? await claimNextProjectCode(transaction, write.properties.item);
      const id = await insertProject(transaction, code, write.properties, write.geometry, { source: operation === 'seed' ? 'plan-text' : 'editor', createdBy: actor });
      await replaceProjectLinks(transaction, id, write.properties.linked_features);
      // A seeded project's schedule is assumed, not reported: its past stays inferred.
      if (operation !== 'seed') await insertStatusReport(transaction, id, { reportedOn: todayInShanghai(), source: 'editor', actor, version: 1 });
      await refreshProjectFeature(transaction, id);
      const created = (await findProject(transaction, code))!;
      await insertProjectAudit(transaction, { projectId: id, code, version: created.version, operation, actor, before: null, after: created.feature });
      return created;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505' && requestedCode) throw duplicateCode(requestedCode);
    throw error;
  }
}

export function duplicateCode(code: string): RequestError {
  return new RequestError(409, 'DuplicateCode', `A project with code "${code}" already exists`, `项目编号“${code}”已存在`,
    { problems: [{ field: 'properties.code', message: `"${code}" is already used`, messageZh: `“${code}”已被使用` }] });
}

/**
 * Replaces the project edited at `expectedVersion` (PUT, PATCH after merging, restore, a
 * schedule row). A change to its schedule is also a status report dated today, unless the
 * caller gives the report (a schedule row says the day the project stood so).
 */
export async function replaceProject(
  database: Database, code: string, expectedVersion: number, write: ProjectWrite, actor: string, operation: ProjectAuditOperation, report?: ReportOfWrite,
): Promise<ProjectRecord> {
  return database.transaction((transaction) => replaceProjectWithin(transaction, code, expectedVersion, write, actor, operation, report));
}

/** replaceProject inside a transaction the caller holds (a schedule workbook writes all its rows in one). */
export async function replaceProjectWithin(
  transaction: Queryable, code: string, expectedVersion: number, write: ProjectWrite, actor: string, operation: ProjectAuditOperation, report?: ReportOfWrite,
): Promise<ProjectRecord> {
  const before = await lockProject(transaction, code, expectedVersion);
  const version = await updateProject(transaction, before.id, write.properties, write.geometry);
  await replaceProjectLinks(transaction, before.id, write.properties.linked_features);
  if (report) await insertStatusReport(transaction, before.id, { ...report, actor, version });
  else if (scheduleChanged(before.feature.properties, write.properties)) {
    await insertStatusReport(transaction, before.id, { reportedOn: todayInShanghai(), source: 'editor', actor, version });
  }
  await refreshProjectFeature(transaction, before.id);
  const after = (await findProject(transaction, code))!;
  await insertProjectAudit(transaction, { projectId: before.id, code, version: after.version, operation, actor, before: before.feature, after: after.feature });
  return after;
}

export async function removeProject(database: Database, code: string, expectedVersion: number, actor: string): Promise<void> {
  await database.transaction(async (transaction) => {
    const before = await lockProject(transaction, code, expectedVersion);
    await deleteProject(transaction, before.id);
    await insertProjectAudit(transaction, { projectId: before.id, code, version: before.version + 1, operation: 'delete', actor, before: before.feature, after: null });
  });
}

/** Locks the row and checks, under the lock, that nobody changed it since it was read. */
async function lockProject(transaction: Queryable, code: string, expectedVersion: number): Promise<ProjectRecord> {
  const current = await findProject(transaction, code, { lock: true });
  if (!current) throw new RequestError(404, 'NotFound', `Project "${code}" was not found`, `未找到项目“${code}”`);
  if (current.version !== expectedVersion) throw preconditionFailed(current);
  return current;
}

