import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../server/import/parsed-file.ts';
import { readFacilityTypes } from '../../../server/import/read-facility-types.ts';

const known = [
  { facilityType: 'community_canteen', nameZh: '社区食堂' },
  { facilityType: 'community_dining', nameZh: '社区助餐点(社会餐桌)' },
  { facilityType: 'community_health_station', nameZh: '社区卫生服务站' },
];
const row = (facilityType: unknown): ParsedRow => ({
  index: 0, location: 'row 2', problems: [],
  feature: { type: 'Feature', geometry: null, properties: { facility_type: facilityType } },
} as unknown as ParsedRow);

describe('readFacilityTypes', () => {
  it('reads a standard\'s Chinese name, or either part of a bracketed one, as its key, and keeps the words as written', () => {
    const rows = [row('社区食堂'), row(' 社区食堂 '), row('社会餐桌'), row('社区助餐点（社会餐桌）'), row('社区卫生服务站')];
    const read = readFacilityTypes(rows, known);
    expect(rows.map((candidate) => candidate.feature!.properties!.facility_type)).toEqual([
      'community_canteen', 'community_canteen', 'community_dining', 'community_dining', 'community_health_station',
    ]);
    expect(rows[2].feature!.properties!.facility_type_as_written).toBe('社会餐桌');
    expect(read.renamed).toContainEqual({ written: '社区食堂', facilityType: 'community_canteen', rows: 1 });
    expect(read.unknown).toEqual([]);
  });

  it('leaves a key as it is, and reports a type no standard knows instead of guessing', () => {
    const rows = [row('community_canteen'), row('棋牌室'), row('棋牌室'), row(null), row('')];
    const read = readFacilityTypes(rows, known);
    expect(rows[0].feature!.properties).toEqual({ facility_type: 'community_canteen' });
    expect(rows[1].feature!.properties).toEqual({ facility_type: '棋牌室' });
    expect(read.renamed).toEqual([]);
    expect(read.unknown).toEqual([{ written: '棋牌室', rows: 2 }]);
  });
});
