import { describe, expect, it } from 'vitest';
import { groupTypesByLevel, levelOfStandard } from '../../../client/model/group-types-by-level.ts';
import { facilityGroupOf, facilityGroups } from '../../../client/layers/palette.ts';

describe('the life-circle panel\'s type list', () => {
  it('reads each standard\'s level, a double level under the nearer', () => {
    expect(['5', '10', '15', '15;10', 'block', null, 'x'].map(levelOfStandard)).toEqual(['5', '10', '15', '10', 'block', 'other', 'other']);
  });
  it('groups by level, then orders by domain and name, leaving out empty levels', () => {
    const types = [
      { facilityType: 'wet_market', level: '10', name: '菜市场' },
      { facilityType: 'primary_school', level: '10', name: '小学' },
      { facilityType: 'kindergarten', level: '5', name: '幼儿园' },
      { facilityType: 'elderly_day_care', level: '5', name: '日间照料中心' },
      { facilityType: 'shopping_mall', level: '15;10', name: '商场' },
      { facilityType: 'convenience_store', level: 'block', name: '便利店' },
    ];
    const grouped = groupTypesByLevel(types, { nameOf: (type) => type.name, domainRankOf: (type) => facilityGroups.indexOf(facilityGroupOf(type)), locale: 'zh-CN' });
    expect(grouped.map((group) => [group.level, group.types.map((type) => type.facilityType)])).toEqual([
      ['5', ['kindergarten', 'elderly_day_care']],
      ['10', ['primary_school', 'wet_market', 'shopping_mall']],
      ['block', ['convenience_store']],
    ]);
  });
});
