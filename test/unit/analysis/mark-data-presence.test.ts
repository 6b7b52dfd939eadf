import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../../server/analysis/compute-coverage.ts';
import { markDataPresence } from '../../../server/analysis/mark-data-presence.ts';

/** A coverage answer's shape with only what markDataPresence reads: the types, groups and all essentials. */
function coverageOf(types: string[], groups: Record<string, string[]>): Coverage {
  return {
    mode: 'network', speedMetresPerSecond: 1, totalResidents: 100, byUnit: [],
    byType: types.map((facilityType) => ({ facilityType, residentsShare: 0 }) as unknown as Coverage['byType'][number]),
    byGroup: Object.entries(groups).map(([key, facilityTypes]) => ({ key, nameZh: key, nameEn: key, facilityTypes, residentsShare: 0, elderlyShare: 0, estatesShare: 0 })),
    allEssentials: { groups: [], residentsShare: 0, elderlyShare: 0 },
  };
}

describe('markDataPresence: no data is not zero', () => {
  const coverage = coverageOf(['clinic', 'station', 'market', 'gym'], { health: ['clinic', 'station'], market: ['market'], sports: ['gym'] });
  const facilities = [
    { facilityType: 'clinic', placeholder: false },
    { facilityType: 'station', placeholder: true },
    { facilityType: 'market', placeholder: true },
    { facilityType: 'market', placeholder: true },
  ];

  it('a type has data only with a real site; stand-ins are counted but are not data', () => {
    const marked = markDataPresence(coverage, facilities, false);
    expect(marked.byType.map((type) => [type.facilityType, type.hasData, type.placeholderCount])).toEqual([
      ['clinic', true, 0], ['station', false, 1], ['market', false, 2], ['gym', false, 0],
    ]);
  });

  it('a group has data when one of its types has; all essentials only when every group has', () => {
    const marked = markDataPresence(coverage, facilities, false);
    expect(marked.byGroup.map((group) => [group.key, group.hasData])).toEqual([['health', true], ['market', false], ['sports', false]]);
    expect(marked.allEssentials.hasData).toBe(false);
    const everyGroup = markDataPresence(coverage, [...facilities, { facilityType: 'market', placeholder: false }, { facilityType: 'gym', placeholder: false }], false);
    expect(everyGroup.allEssentials.hasData).toBe(true);
  });

  it('with placeholders counted, their stand-ins are the type\'s data', () => {
    const marked = markDataPresence(coverage, facilities, true);
    expect(marked.byType.find((type) => type.facilityType === 'market')!.hasData).toBe(true);
    expect(marked.byType.find((type) => type.facilityType === 'gym')!.hasData).toBe(false);
  });
});
