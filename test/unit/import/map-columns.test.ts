import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../server/errors.ts';
import { applyColumnMapping, chooseColumnMapping, guessColumnMapping, readColumnMapping } from '../../../server/import/map-columns.ts';
import type { ParsedRow } from '../../../server/import/parsed-file.ts';
import { placeInChinese, sayInChinese } from '../../../server/import/say-in-chinese.ts';

describe('guessColumnMapping', () => {
  it('reads the Excel fixture\'s Chinese header, a unit in brackets and all', () => {
    expect(guessColumnMapping(['序号', '设施名称', '设施类型', '地址', '容量（人）', '开放日期', '备注'])).toEqual({
      name: '设施名称', facility_type: '设施类型', address: '地址', capacity: '容量（人）', opening_date: '开放日期',
    });
  });

  it('reads an English header and takes each column once', () => {
    expect(guessColumnMapping(['ID', 'Name', 'Type', 'Address', 'lng', 'lat', 'Capacity', 'opened'])).toEqual({
      id: 'ID', name: 'Name', facility_type: 'Type', address: 'Address', longitude: 'lng', latitude: 'lat', capacity: 'Capacity', opening_date: 'opened',
    });
    expect(guessColumnMapping(['名称', '单位名称'])).toEqual({ name: '名称' });
  });
});

describe('the columns parameter', () => {
  it('takes a JSON object of fields, and puts it over the guess', () => {
    const given = readColumnMapping('{"name":"单位名称","address":null}');
    expect(given).toEqual({ name: '单位名称' });
    expect(chooseColumnMapping(given, ['名称', '单位名称', '地址'], true)).toEqual({ name: '单位名称', address: '地址' });
    expect(chooseColumnMapping(given, ['名称', '单位名称', '地址'], false)).toEqual({ name: '单位名称' });
  });

  it.each([
    ['{name', /JSON object/],
    ['["名称"]', /JSON object/],
    ['{"colour":"名称"}', /the fields are/],
    ['{"name":3}', /name of a column/],
  ])('refuses %s with a 400', (text, message) => {
    let error: unknown;
    try {
      readColumnMapping(text);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).status).toBe(400);
    expect((error as RequestError).message).toMatch(message);
  });

  it('takes "" as no column for the field (the dialog\'s （无）): neither guessed nor copied', () => {
    const given = readColumnMapping('{"address":"","name":"单位名称"}');
    expect(chooseColumnMapping(given, ['名称', '单位名称', '地址'], true)).toEqual({ name: '单位名称' });
    expect(chooseColumnMapping(given, ['名称', '单位名称', '地址'], false)).toEqual({ name: '单位名称' });
  });

  it('refuses a column the file does not have, naming those it has', () => {
    expect(() => chooseColumnMapping({ address: '住址' }, ['名称', '地址'], true)).toThrow(/"住址", which the file does not have; its columns are: 名称, 地址/);
  });
});

describe('applyColumnMapping', () => {
  it('copies each mapped value to its field, reading capacities and dates, and keeps the file\'s column', () => {
    const row: ParsedRow = { location: 'row 4', problems: [], feature: { type: 'Feature', geometry: null, properties: { 单位: '甲', 容量: '120人', 开放: '2024年5月1日', 编码: 'A-1' } } };
    applyColumnMapping([row], { id: '编码', name: '单位', capacity: '容量', opening_date: '开放' });
    expect(row.fileId).toBe('A-1');
    expect(row.feature!.properties).toEqual({ 单位: '甲', 容量: '120人', 开放: '2024年5月1日', 编码: 'A-1', name: '甲', capacity: 120, opening_date: '2024-05-01', opening_year: 2024 });
  });

  it('leaves a field the row has already, and text it cannot read as it is', () => {
    const row: ParsedRow = { location: 'row 5', problems: [], feature: { type: 'Feature', geometry: null, properties: { name: '原名', 名称: '新名', 容量: '约100', 开放: '2024年3月' } } };
    applyColumnMapping([row], { name: '名称', capacity: '容量', opening_date: '开放' });
    expect(row.feature!.properties).toMatchObject({ name: '原名', capacity: '约100', opening_date: '2024年3月' });
  });
});

describe('sayInChinese', () => {
  it.each([
    ['lng "abc" is not a number', 'lng“abc”不是数字'],
    ['geometry.coordinates: latitude 95 is outside -90…90', '坐标：纬度 95 超出 -90…90'],
    ['has 3 field(s); the header has 4', '有 3 个字段，而表头有 4 个'],
    ['invalid geometry: Self-intersection[121.52 31.22]', '几何图形无效：Self-intersection[121.52 31.22]'],
    ['has the id "a" that line 2 already has', '编号 "a" 与第 2 行重复'],
    ['小区范围 has no .prj: its coordinate system is not known', '小区范围 缺少 .prj，坐标系未知'],
  ])('says %j in Chinese', (english, chinese) => {
    expect(sayInChinese(english)).toBe(chinese);
  });

  it('prefers what the pipeline said itself, and keeps an unknown sentence rather than drop it', () => {
    expect(sayInChinese('lng is empty', new Map([['lng is empty', '经度为空']]))).toBe('经度为空');
    expect(sayInChinese('something new')).toBe('问题（原文）：something new');
    expect(placeInChinese('line 3 (id "f-2")')).toBe('第 3 行（编号 "f-2"）');
  });
});
