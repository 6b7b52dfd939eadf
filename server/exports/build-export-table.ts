import type { ExportDataset, ExportQuery } from '../contract/exports.ts';
import { projectActionKeys, projectStatuses } from '../contract/vocabulary/projects.ts';
import { renovationStatuses, unknownCommittee } from '../contract/vocabulary/renovation.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { decideFacilityOpen } from '../facility-openings/decide-facility-open.ts';
import { mapProjectsByCode, readFacilitiesNotOpen } from '../facility-openings/read-facilities-not-open.ts';
import { readFacilityInputs, readFeatureGeometries, readProjectGeometries, readProjectInputs, readProjectProvenance } from '../queries/summary-inputs.ts';
import { listRenovationRecords } from '../queries/renovation.ts';
import { summariseRenovation } from '../renovation/summarise-renovation.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { summaryCoverageQuestion } from '../summary/compute-summary.ts';
import { listProjectStates } from '../summary/summarise-projects.ts';
import { coverageColumns, coverageRows, estateColumns, facilityColumns, projectColumns, type ExportTable } from './export-tables.ts';

function refuse(parameter: string, value: string, allowed: readonly string[]): never {
  throw new RequestError(400, 'InvalidParameterValue', `${parameter} must be one of ${allowed.join(', ')} (got "${value}")`, `参数 ${parameter} 必须是以下之一：${allowed.join('、')}（收到“${value}”）`);
}

/**
 * The table of one export on a date, with the filters of the query: estates with their
 * renovation, projects, facilities with their opening, or the coverage of each estate by the
 * essential groups (the summary's own coverage question). A filter value the dataset does not
 * know answers 400; an empty selection is a valid empty table.
 * Each dataset's rows have their own type (`any` here): the table carries the columns that read them.
 */
export async function buildExportTable(database: Database, analysis: WalkingAnalysis, dataset: ExportDataset, query: ExportQuery, asOf: string, today: string): Promise<ExportTable<any>> {
  if (dataset === 'estates') {
    if (query.status && !(renovationStatuses as readonly string[]).includes(query.status)) refuse('status', query.status, renovationStatuses);
    const records = await listRenovationRecords(database);
    const states = new Map(summariseRenovation(records, asOf, today).estates.map((state) => [state.estateKey, state]));
    const chosen = records.filter((record) => (!query.committee || record.residentsCommittee === query.committee)
      && (!query.status || states.get(record.estateKey)!.status === query.status));
    const geometries = await readFeatureGeometries(database, 'neighbourhoods', chosen.map((record) => record.estateKey));
    return {
      columns: estateColumns(asOf),
      rows: chosen.map((record) => ({ record, state: states.get(record.estateKey)!, geometry: geometries.get(record.estateKey) ?? null })),
      feature: (row) => ({ id: row.record.estateKey, geometry: row.geometry }),
    };
  }
  if (dataset === 'projects') {
    if (query.status && !(projectStatuses as readonly string[]).includes(query.status)) refuse('status', query.status, projectStatuses);
    if (query.action && !(projectActionKeys as readonly string[]).includes(query.action)) refuse('action', query.action, projectActionKeys);
    const states = listProjectStates(await readProjectInputs(database), asOf, today).filter((project) =>
      (!query.action || project.action === query.action) && (!query.item || project.item === Number(query.item))
      && (!query.status || project.status === query.status) && (!query.leadUnit || project.leadUnit === query.leadUnit));
    const codes = states.map((project) => project.code);
    const [geometries, provenance] = await Promise.all([readProjectGeometries(database, codes), readProjectProvenance(database, codes)]);
    return {
      columns: projectColumns(asOf),
      rows: states.map((project) => ({ project, provenance: provenance.get(project.code) ?? null, geometry: geometries.get(project.code) ?? null })),
      feature: (row) => ({ id: row.project.code, geometry: row.geometry }),
    };
  }
  if (dataset === 'facilities') {
    if (query.status && !['open', 'not_open'].includes(query.status)) refuse('status', query.status, ['open', 'not_open']);
    const [facilities, projects] = await Promise.all([readFacilityInputs(database), readProjectInputs(database)]);
    const projectsByCode = mapProjectsByCode(projects);
    const rows = facilities
      .map((facility) => ({ facility, opening: decideFacilityOpen(facility, projectsByCode, asOf, today) }))
      .filter(({ facility, opening }) => (!query.facilityType || facility.facilityType === query.facilityType)
        && (!query.status || opening.open === (query.status === 'open')));
    const geometries = await readFeatureGeometries(database, 'facilities', rows.map(({ facility }) => facility.key));
    return {
      columns: facilityColumns(asOf),
      rows: rows.map(({ facility, opening }) => ({
        key: facility.key, name: facility.name, facilityType: facility.facilityType, placeholder: facility.placeholder,
        source: facility.source, confidence: facility.confidence, sourceDetail: facility.sourceDetail, projectCode: facility.projectCode, opening, geometry: geometries.get(facility.key) ?? null,
      })),
      feature: (row) => ({ id: row.key, geometry: row.geometry }),
    };
  }
  // coverage: the walking analysis over the facilities open on the date, per estate and group.
  const [notOpen, records] = await Promise.all([readFacilitiesNotOpen(database, asOf, today), listRenovationRecords(database)]);
  const coverage = await analysis.coverage({ ...summaryCoverageQuestion, excludedFacilityKeys: notOpen });
  const committees = new Map(records.map((record) => [record.estateKey, record.residentsCommittee]));
  const rows = coverageRows(coverage, committees, unknownCommittee).filter((row) => !query.committee || row.residentsCommittee === query.committee);
  const geometries = await readFeatureGeometries(database, 'neighbourhoods', [...new Set(rows.map((row) => row.estateKey))]);
  return {
    columns: coverageColumns(asOf),
    rows: rows.map((row) => ({ ...row, geometry: geometries.get(row.estateKey) ?? null })),
    feature: (row) => ({ id: `${row.estateKey}/${row.groupKey}`, geometry: row.geometry }),
  };
}
