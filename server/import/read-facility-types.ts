import type { ParsedRow } from './parsed-file.ts';

/** A facility type the analysis knows: its key and its Chinese name in the standards. */
export interface KnownFacilityType {
  facilityType: string;
  nameZh: string;
}

export interface FacilityTypesRead {
  /** Type names as the office wrote them, each with the key it was read as and how many rows. */
  renamed: { written: string; facilityType: string; rows: number }[];
  /** Types no standard knows, with how many rows: they will not count in the life-circle analysis. */
  unknown: { written: string; rows: number }[];
}

/** 社区助餐点(社会餐桌) → 社区助餐点（社会餐桌）: one form of brackets, no spaces, for comparing names. */
const comparable = (text: string) => text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toLowerCase();

/**
 * An office's list names its facilities' types in Chinese (社区食堂, 社区卫生服务站), while the
 * analysis counts a facility by its type key (community_canteen). Reads each row's facility_type:
 * a key stays; a standard's Chinese name, or either part of a name with a bracket (社区助餐点 or
 * 社会餐桌 for 社区助餐点（社会餐桌）), becomes its key, the words as written kept beside it in
 * facility_type_as_written; anything else is left as written and reported, because a facility of
 * an unknown type is not counted and the office should know it before importing.
 */
export function readFacilityTypes(rows: ParsedRow[], known: readonly KnownFacilityType[]): FacilityTypesRead {
  const keys = new Set(known.map((type) => type.facilityType));
  const byName = new Map<string, string>();
  for (const type of known) {
    const name = comparable(type.nameZh);
    byName.set(name, type.facilityType);
    const bracketed = /^(.+)（(.+)）$/.exec(name);
    if (bracketed) for (const part of [bracketed[1], bracketed[2]]) if (!byName.has(part)) byName.set(part, type.facilityType);
  }
  const renamed = new Map<string, { facilityType: string; rows: number }>();
  const unknown = new Map<string, number>();
  for (const row of rows) {
    const properties = row.feature?.properties;
    const written = properties?.facility_type;
    if (!properties || typeof written !== 'string' || written.trim() === '' || keys.has(written)) continue;
    const facilityType = byName.get(comparable(written));
    if (facilityType) {
      properties.facility_type = facilityType;
      properties.facility_type_as_written = written;
      const entry = renamed.get(written) ?? { facilityType, rows: 0 };
      entry.rows += 1;
      renamed.set(written, entry);
    } else {
      unknown.set(written, (unknown.get(written) ?? 0) + 1);
    }
  }
  return {
    renamed: [...renamed].map(([written, entry]) => ({ written, ...entry })),
    unknown: [...unknown].map(([written, rows]) => ({ written, rows })),
  };
}
