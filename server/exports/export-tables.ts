import type { Coverage } from '../analysis/compute-coverage.ts';
import { essentialGroups } from '../analysis/facility-thresholds.ts';
import type { ExportFeatureCollection } from '../contract/exports.ts';
import type { Geometry } from '../contract/geojson.ts';
import type { RenovationRecord } from '../contract/renovation.ts';
import type { EstateStateAsOf, ProjectStateRow } from '../contract/summary.ts';
import { projectActions, projectItems, projectStatusNames } from '../contract/vocabulary/projects.ts';
import { renovationSourceNames, renovationStatusNames, type RenovationStatus } from '../contract/vocabulary/renovation.ts';
import type { FacilityOpening } from '../facility-openings/decide-facility-open.ts';
import type { FacilityInput, ProjectProvenance } from '../queries/summary-inputs.ts';
import { writeCsv, type CsvValue } from './write-csv.ts';
import { writeXlsx, type WorkbookDescription } from './write-xlsx.ts';

/**
 * The export tables: each a list of columns (Chinese header for the CSV and the Excel sheet,
 * snake_case key for the GeoJSON properties) over rows, so every format carries the same figures.
 */
export interface Column<Row> {
  zh: string;
  key: string;
  value: (row: Row) => CsvValue;
}

export interface ExportTable<Row> {
  columns: Column<Row>[];
  rows: Row[];
  /** The feature id and geometry of a row, for GeoJSON (null geometry when unknown). */
  feature: (row: Row) => { id: string; geometry: Geometry | null };
}

export function tableToCsv<Row>(table: ExportTable<Row>): string {
  return writeCsv(table.columns.map((column) => column.zh), table.rows.map((row) => table.columns.map((column) => column.value(row))));
}

export function tableToXlsx<Row>(table: ExportTable<Row>, description: WorkbookDescription): Promise<Uint8Array<ArrayBuffer>> {
  return writeXlsx(table.columns.map((column) => column.zh), table.rows.map((row) => table.columns.map((column) => column.value(row))), description);
}

export function tableToFeatureCollection<Row>(table: ExportTable<Row>, metadata: { name: string; asOf: string }): ExportFeatureCollection {
  const features = table.rows.map((row) => {
    const { id, geometry } = table.feature(row);
    return {
      type: 'Feature' as const,
      id,
      geometry,
      properties: Object.fromEntries(table.columns.map((column) => [column.key, column.value(row) ?? null])),
    };
  });
  return { type: 'FeatureCollection', ...metadata, features };
}

const statusZh = (status: RenovationStatus) => renovationStatusNames[status].zh;

export interface EstateExportRow {
  record: RenovationRecord;
  state: EstateStateAsOf;
  geometry: Geometry | null;
}

export function estateColumns(asOf: string): Column<EstateExportRow>[] {
  return [
    { zh: '小区编号', key: 'estate_key', value: (row) => row.record.estateKey },
    { zh: '小区名称', key: 'name', value: (row) => row.record.estateName },
    { zh: '居委', key: 'residents_committee', value: (row) => row.record.residentsCommittee },
    { zh: '建成年代', key: 'build_era', value: (row) => row.record.buildEra },
    { zh: '户数', key: 'households', value: (row) => row.record.households },
    { zh: '人口', key: 'residents', value: (row) => row.record.residents },
    { zh: '示范区', key: 'demonstration', value: (row) => row.record.demonstration },
    { zh: '综合整新状态', key: 'comprehensive_renovation_status', value: (row) => statusZh(row.state.status) },
    { zh: '综合整新登记状态', key: 'comprehensive_renovation_recorded_status', value: (row) => statusZh(row.record.comprehensiveRenovation.status) },
    { zh: '综合整新开工年份', key: 'comprehensive_renovation_start_year', value: (row) => row.record.comprehensiveRenovation.startYear },
    { zh: '综合整新年份', key: 'comprehensive_renovation_year', value: (row) => row.record.comprehensiveRenovation.year },
    { zh: '雨污分流状态', key: 'sewer_separation_status', value: (row) => statusZh(row.state.sewerSeparationStatus) },
    { zh: '雨污分流年份', key: 'sewer_separation_year', value: (row) => row.record.sewerSeparation.year },
    { zh: '旧住房成套改造状态', key: 'flat_retrofit_status', value: (row) => statusZh(row.state.flatRetrofitStatus) },
    { zh: '已加装电梯', key: 'lifts_installed', value: (row) => row.record.lifts.installed },
    { zh: '计划加装电梯', key: 'lifts_planned', value: (row) => row.record.lifts.planned },
    { zh: '项目编号', key: 'project_codes', value: (row) => row.state.projectCodes.join(' ') },
    { zh: '数据来源', key: 'source', value: (row) => renovationSourceNames[row.record.source].zh },
    { zh: '可信度', key: 'confidence', value: (row) => row.record.confidence },
    { zh: '假设字段', key: 'assumptions', value: (row) => row.record.assumptions.join(' ') },
    { zh: '备注', key: 'note', value: (row) => row.record.note },
    { zh: '统计日期', key: 'as_of', value: () => asOf },
  ];
}

export interface ProjectExportRow {
  project: ProjectStateRow;
  /** Where the project came from; null only if it went between reading its state and its provenance. */
  provenance: ProjectProvenance | null;
  geometry: Geometry | null;
}

export function projectColumns(asOf: string): Column<ProjectExportRow>[] {
  const actionZh = (key: string) => projectActions.find((action) => action.key === key)?.nameZh ?? key;
  return [
    { zh: '项目编号', key: 'code', value: (row) => row.project.code },
    { zh: '项目名称', key: 'title_zh', value: (row) => row.project.titleZh },
    { zh: '专项行动', key: 'action', value: (row) => actionZh(row.project.action) },
    { zh: '任务条目', key: 'item', value: (row) => row.project.item },
    { zh: '任务名称', key: 'item_name', value: (row) => projectItems[row.project.item]?.nameZh ?? '' },
    { zh: '牵头单位', key: 'lead_unit', value: (row) => row.project.leadUnit },
    { zh: '开始日期', key: 'start_date', value: (row) => row.project.startDate },
    { zh: '结束日期', key: 'end_date', value: (row) => row.project.endDate },
    { zh: '登记状态', key: 'recorded_status', value: (row) => projectStatusNames[row.project.recordedStatus].zh },
    { zh: '状态', key: 'status', value: (row) => projectStatusNames[row.project.status].zh },
    { zh: '进度（%）', key: 'progress_percent', value: (row) => row.project.progressPercent },
    { zh: '是否逾期', key: 'overdue', value: (row) => row.project.overdue },
    { zh: '状态待核实', key: 'status_unverified', value: (row) => row.project.statusUnverified },
    { zh: '假设字段', key: 'assumptions', value: (row) => row.project.assumptions.join(' ') },
    { zh: '数据来源', key: 'source', value: (row) => row.provenance?.source ?? null },
    { zh: '可信度', key: 'confidence', value: (row) => row.provenance?.confidence ?? null },
    { zh: '来源说明', key: 'source_detail_zh', value: (row) => row.provenance?.source_detail_zh ?? null },
    { zh: '统计日期', key: 'as_of', value: () => asOf },
  ];
}

/** A facility as the summary reads it, with its opening on the date. */
export type FacilityExportRow = Pick<FacilityInput, 'key' | 'name' | 'facilityType' | 'placeholder' | 'source' | 'confidence' | 'sourceDetail' | 'projectCode'> & {
  opening: FacilityOpening;
  geometry: Geometry | null;
};

const basisZh: Record<FacilityOpening['basis'], string> = {
  date: '已知开放日期', 'opening-year': '开放年份', project: '随项目完成开放', 'existed-before-2022': '假设2022年前已有',
};

export function facilityColumns(asOf: string): Column<FacilityExportRow>[] {
  return [
    { zh: '设施编号', key: 'facility_key', value: (row) => row.key },
    { zh: '设施名称', key: 'name', value: (row) => row.name },
    { zh: '设施类型', key: 'facility_type', value: (row) => row.facilityType },
    { zh: '示意设施', key: 'placeholder', value: (row) => row.placeholder },
    { zh: '是否开放', key: 'open', value: (row) => row.opening.open },
    { zh: '开放日期', key: 'opened_date', value: (row) => row.opening.openedDate },
    { zh: '开放依据', key: 'opening_basis', value: (row) => basisZh[row.opening.basis] },
    { zh: '关联项目', key: 'project_code', value: (row) => row.projectCode },
    { zh: '数据来源', key: 'source', value: (row) => row.source },
    { zh: '可信度', key: 'confidence', value: (row) => row.confidence },
    { zh: '来源说明', key: 'source_detail', value: (row) => row.sourceDetail },
    { zh: '统计日期', key: 'as_of', value: () => asOf },
  ];
}

export interface CoverageExportRow {
  estateKey: string;
  estateName: string;
  residentsCommittee: string;
  residents: number;
  residentsAged60Plus: number;
  groupKey: string;
  groupNameZh: string;
  walkMetres: number | null;
  walkMinutes: number | null;
  withinStandard: boolean;
  nearestFacility: string | null;
  geometry: Geometry | null;
}

/**
 * One row per estate and essential group: the walk to the group's nearest facility (any of its
 * types) and whether any of its types is within that type's standard distance; then a row for all
 * essentials together.
 */
export function coverageRows(coverage: Coverage, committees: ReadonlyMap<string, string>, unknownCommittee: string): Omit<CoverageExportRow, 'geometry'>[] {
  const rows: Omit<CoverageExportRow, 'geometry'>[] = [];
  const measured = new Set(coverage.byType.map((type) => type.facilityType));
  for (const unit of coverage.byUnit) {
    const base = {
      estateKey: unit.id, estateName: unit.name, residentsCommittee: committees.get(unit.id) ?? unknownCommittee,
      residents: unit.residents, residentsAged60Plus: unit.residentsAged60Plus,
    };
    for (const group of essentialGroups) {
      let best: { metres: number; minutes: number | null; facility: string | null } | null = null;
      let within = false;
      for (const type of group.facilityTypes) {
        if (!measured.has(type)) continue;
        const metres = unit.walkMetres[type];
        if (metres === null || metres === undefined) continue;
        if (!unit.gaps.includes(type)) within = true;
        if (!best || metres < best.metres) best = { metres, minutes: unit.walkMinutes[type] ?? null, facility: unit.nearestFacility[type] ?? null };
      }
      rows.push({
        ...base, groupKey: group.key, groupNameZh: group.nameZh,
        walkMetres: best ? Math.round(best.metres) : null, walkMinutes: best?.minutes ?? null, withinStandard: within, nearestFacility: best?.facility ?? null,
      });
    }
    rows.push({ ...base, groupKey: 'all_essentials', groupNameZh: '全部基本服务', walkMetres: null, walkMinutes: null, withinStandard: unit.hasAllEssentials, nearestFacility: null });
  }
  return rows;
}

export function coverageColumns(asOf: string): Column<CoverageExportRow>[] {
  return [
    { zh: '小区编号', key: 'estate_key', value: (row) => row.estateKey },
    { zh: '小区名称', key: 'name', value: (row) => row.estateName },
    { zh: '居委', key: 'residents_committee', value: (row) => row.residentsCommittee },
    { zh: '人口', key: 'residents', value: (row) => row.residents },
    { zh: '60岁以上人口', key: 'residents_aged_60_plus', value: (row) => row.residentsAged60Plus },
    { zh: '设施类别', key: 'group', value: (row) => row.groupNameZh },
    { zh: '步行距离（米）', key: 'walk_metres', value: (row) => row.walkMetres },
    { zh: '步行时间（分钟）', key: 'walk_minutes', value: (row) => row.walkMinutes },
    { zh: '是否在标准距离内', key: 'within_standard', value: (row) => row.withinStandard },
    { zh: '最近设施', key: 'nearest_facility', value: (row) => row.nearestFacility },
    { zh: '统计日期', key: 'as_of', value: () => asOf },
  ];
}
