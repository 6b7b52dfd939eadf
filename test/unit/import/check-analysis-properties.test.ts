import { describe, expect, it } from 'vitest';
import { convertPositionToWgs84 } from '../../../server/geo/convert-coordinates.ts';
import { checkAnalysisProperties } from '../../../server/import/check-analysis-properties.ts';

describe('checkAnalysisProperties', () => {
  it('leaves features without head counts or gates as they are', () => {
    expect(checkAnalysisProperties({ name: '公园' }, 'wgs84')).toEqual({ properties: { name: '公园' }, problems: [] });
  });

  it('reads head counts written as digits and refuses vague or negative ones', () => {
    expect(checkAnalysisProperties({ residents: ' 3000 ', households: 1200 }, 'wgs84').properties).toMatchObject({ residents: 3000, households: 1200 });
    const { problems } = checkAnalysisProperties({ residents: '约3000', households: -1, residents_aged_60_plus: 2.5 }, 'wgs84');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/properties\.residents must be a whole number/);
  });

  it('refuses more older residents than residents', () => {
    expect(checkAnalysisProperties({ residents: 100, residents_aged_60_plus: 101 }, 'wgs84').problems).toEqual([expect.stringMatching(/more than properties\.residents/)]);
  });

  it('converts gates to WGS 84, also from a JSON cell of a CSV file, and refuses malformed ones', () => {
    const gate: [number, number] = [121.52455, 31.22285];
    expect(checkAnalysisProperties({ gates: JSON.stringify([gate]) }, 'gcj02').properties.gates).toEqual([convertPositionToWgs84(gate, 'gcj02')]);
    expect(checkAnalysisProperties({ gates: [[121.5, 31.2, 4]] }, 'wgs84').properties.gates).toEqual([[121.5, 31.2]]);
    expect(checkAnalysisProperties({ gates: [[200, 31]] }, 'wgs84').problems[0]).toMatch(/gates \[0\] must be \[longitude, latitude\]/);
    expect(checkAnalysisProperties({ gates: 'north gate' }, 'wgs84').problems[0]).toMatch(/list of \[longitude, latitude\] pairs/);
  });
});
