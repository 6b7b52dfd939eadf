import { describe, expect, it } from 'vitest';
import { countVertices, fieldNameZh, mergePatch, parseProjectProperties } from '../../../server/projects/validate-project.ts';
import { ifMatchAccepts, projectEtag } from '../../../server/projects/write-project.ts';

const valid = {
  title_zh: '测试', action: 'safety', item: 13, lead_unit: '平安办', status: 'in_progress',
  start_date: '2024-01-01', end_date: '2025-12-31', progress_percent: 30,
};

describe('ETags and If-Match', () => {
  const etag = projectEtag({ id: 7, version: 3 });
  it('makes a strong tag from id and version', () => expect(etag).toBe('"p7-v3"'));
  it.each([
    ['the same tag', '"p7-v3"', true],
    ['a list holding it', '"p7-v2", "p7-v3"', true],
    ['*', '*', true],
    ['an older version', '"p7-v2"', false],
    ['another project with the same version', '"p8-v3"', false],
    ['the weak form', 'W/"p7-v3"', false],
    ['an unquoted tag', 'p7-v3', false],
  ])('%s → %s', (_name, header, accepted) => expect(ifMatchAccepts(header, etag)).toBe(accepted));
});

describe('mergePatch (RFC 7396)', () => {
  it('replaces, removes with null and merges objects', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 9, b: { c: null }, e: [2], f: 'x' })).toEqual({ a: 9, b: { d: 3 }, e: [2], f: 'x' });
  });
});

describe('project properties', () => {
  it('accepts a valid project and fills the defaults', () => {
    const { value, problems } = parseProjectProperties(valid);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ partner_units: [], linked_features: [], assumptions: [], budget_ten_thousand_yuan: null, description: '' });
  });

  it('ignores the read-only fields a client sends back', () => {
    expect(parseProjectProperties({ ...valid, version: 3, created_at: 'x', updated_at: 'y', action_name_zh: '平安底线' }).problems).toEqual([]);
  });

  it('accepts a residents committee Party organisation as a unit', () => {
    expect(parseProjectProperties({ ...valid, lead_unit: '潍坊四村居民区党组织' }).problems).toEqual([]);
  });

  it.each([
    ['item', { item: 1 }, '第 1 项不属于'],
    ['end_date', { end_date: '2023-01-01' }, '不能早于开始日期'],
    ['title_zh', { title_zh: '' }, '不能为空'],
    ['status', { status: 'finished' }, '必须是以下之一'],
    ['lead_unit', { lead_unit: 'ACME' }, '领导小组成员单位'],
  ])('names the field %s in both languages', (field, change, zh) => {
    const { problems } = parseProjectProperties({ ...valid, ...change });
    const problem = problems.find((candidate) => candidate.field === `properties.${field}`);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message.length).toBeGreaterThan(0);
    expect(problem!.messageZh).toContain(zh);
  });

  it('says a missing field is required', () => {
    const { title_zh: _omitted, ...rest } = valid;
    expect(parseProjectProperties(rest).problems).toEqual([{ field: 'properties.title_zh', message: 'is required', messageZh: '为必填项' }]);
  });
});

describe('helpers', () => {
  it('counts vertices of nested coordinates', () => {
    expect(countVertices([121, 31])).toBe(1);
    expect(countVertices([[[1, 2], [3, 4], [5, 6], [1, 2]], [[1, 2], [3, 4], [5, 6], [1, 2]]])).toBe(8);
  });
  it('names fields in Chinese', () => {
    expect(fieldNameZh('properties.partner_units.2')).toBe('配合单位（第 3 项）');
    expect(fieldNameZh('geometry')).toBe('几何图形');
  });
});
