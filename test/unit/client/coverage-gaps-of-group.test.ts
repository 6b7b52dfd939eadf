import { describe, expect, it } from 'vitest';
import { estatesOutsideGroup, estatesWithoutAllEssentials } from '../../../client/model/coverage-gaps-of-group.ts';

type Answer = Parameters<typeof estatesOutsideGroup>[0];
const answer = {
  byGroup: [
    { key: 'health', nameZh: '卫生', nameEn: 'Health', facilityTypes: ['community_health_center', 'health_station'], residentsShare: 0, elderlyShare: 0, estatesShare: 0 },
    { key: 'park', nameZh: '公园', nameEn: 'Park', facilityTypes: ['park_10min'], residentsShare: 0, elderlyShare: 0, estatesShare: 0 },
  ],
  byUnit: [
    { id: 'estate-a', gaps: ['community_health_center', 'health_station'], hasAllEssentials: false },
    { id: 'estate-b', gaps: ['community_health_center'], hasAllEssentials: false },
    { id: 'estate-c', gaps: [], hasAllEssentials: true },
    { id: 'estate-d', gaps: ['park_10min'], hasAllEssentials: false },
  ],
} as unknown as Answer;

describe('the estates behind a coverage share', () => {
  it('lists the estates none of whose group types is within reach (one type in reach meets the group)', () => {
    expect(estatesOutsideGroup(answer, 'health')).toEqual(['estate-a']);
    expect(estatesOutsideGroup(answer, 'park')).toEqual(['estate-d']);
  });

  it('lists nothing for a group the answer does not have', () => {
    expect(estatesOutsideGroup(answer, 'market')).toEqual([]);
  });

  it('lists the estates without every essential group', () => {
    expect(estatesWithoutAllEssentials(answer)).toEqual(['estate-a', 'estate-b', 'estate-d']);
  });
});
