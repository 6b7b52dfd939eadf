import { describe, expect, it } from 'vitest';
import type { RenovationRecord } from '../../../server/contract/renovation.ts';
import { changedFields } from '../../../client/model/renovation-patch.ts';

const record = {
  comprehensiveRenovation: { status: 'in_progress', startYear: 2025, year: 2026, projectCodes: ['P06-04'] },
  lifts: { installed: null, planned: 2, projectCodes: [] },
} as unknown as RenovationRecord;
const unchanged = { status: 'in_progress' as const, startYear: 2025, year: 2026, liftsInstalled: null, liftsPlanned: 2 };

describe('the renovation form\'s merge patch', () => {
  it('sends nothing when nothing changed', () => {
    expect(changedFields(record, unchanged)).toEqual({});
  });

  it('sends only the fields the editor changed, so the others keep their assumed mark', () => {
    expect(changedFields(record, { ...unchanged, status: 'done', year: 2025 })).toEqual({ comprehensiveRenovation: { status: 'done', year: 2025 } });
    expect(changedFields(record, { ...unchanged, liftsInstalled: 3 })).toEqual({ lifts: { installed: 3 } });
  });

  it('sends a cleared field as null (JSON merge patch: not known)', () => {
    expect(changedFields(record, { ...unchanged, liftsPlanned: null, startYear: null })).toEqual({ comprehensiveRenovation: { startYear: null }, lifts: { planned: null } });
  });
});
