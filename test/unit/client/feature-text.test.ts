import { afterEach, describe, expect, it } from 'vitest';
import { describeAttributeValue, textInLanguage } from '../../../client/panels/feature-text.ts';
import { language } from '../../../client/state/dashboard-state.ts';
import { minuteInShanghai } from '../../../server/contract/vocabulary/as-of.ts';

describe('a feature\'s values in the reader\'s language', () => {
  afterEach(() => {
    language.value = 'zh-CN';
  });

  it('names the codes of the seed layers and of imported rows in Chinese and in English', () => {
    expect(describeAttributeValue('kind', 'riverside_green', 'zh-CN')).toBe('滨河绿地');
    expect(describeAttributeValue('kind', 'riverside_green', 'en')).toBe('Riverside green');
    expect(describeAttributeValue('kind', 'neighbour', 'zh-CN')).toBe('相邻街镇');
    expect(describeAttributeValue('match_quality', 'interpolated', 'zh-CN')).toBe('按门牌号插值');
    expect(describeAttributeValue('location_method', 'address', 'en')).toBe('By its address');
    expect(describeAttributeValue('facility_type', 'kindergarten', 'zh-CN')).toBe('幼儿园');
    // A code nobody named yet is shown as it is rather than hidden.
    expect(describeAttributeValue('kind', 'ferry_pier', 'zh-CN')).toBe('ferry_pier');
  });

  it('writes decades and metro lines as each language does, and yes/no in the interface\'s language', () => {
    expect(describeAttributeValue('build_era', '1980s', 'zh-CN')).toBe('1980年代');
    expect(describeAttributeValue('build_era', '1980s', 'en')).toBe('1980s');
    expect(describeAttributeValue('lines', ['4', '6'], 'zh-CN')).toBe('4号线、6号线');
    expect(describeAttributeValue('lines', ['4', '6'], 'en')).toBe('Line 4, Line 6');
    expect(describeAttributeValue('outside_boundary', true, 'zh-CN')).toBe('是');
    language.value = 'en';
    expect(describeAttributeValue('outside_boundary', true, 'en')).toBe('Yes');
    expect(describeAttributeValue('residents', 6869, 'en')).toBe('6,869');
  });

  it('shows a note\'s Chinese version in the Chinese interface and the English one in the English interface', () => {
    const properties = { source_detail: 'Position: geocoded address 崂山路571弄.', source_detail_zh: '位置：地址“崂山路571弄”的地理编码。' };
    expect(textInLanguage(properties, 'source_detail', 'zh-CN')).toEqual({ text: properties.source_detail_zh, lang: 'zh-CN' });
    expect(textInLanguage(properties, 'source_detail', 'en')).toEqual({ text: properties.source_detail, lang: 'en' });
    // Without a Chinese version the English note is shown, marked as English; a note written only in Chinese is Chinese.
    expect(textInLanguage({ source_detail: 'imported from survey.geojson' }, 'source_detail', 'zh-CN')).toEqual({ text: 'imported from survey.geojson', lang: 'en' });
    expect(textInLanguage({ source_detail: '办公室台账' }, 'source_detail', 'en')).toEqual({ text: '办公室台账', lang: 'zh-CN' });
    expect(textInLanguage({ source_detail_zh: '只有中文' }, 'source_detail', 'en')).toEqual({ text: '只有中文', lang: 'zh-CN' });
    expect(textInLanguage({ source_detail: '' }, 'source_detail', 'zh-CN')).toBeNull();
  });

  it('reads a record\'s time as the minute it was in Shanghai', () => {
    expect(minuteInShanghai('2026-12-05T16:58:10.000Z')).toBe('2026-12-06 00:58');
    expect(minuteInShanghai('2026-03-01T01:02:00Z')).toBe('2026-03-01 09:02');
    expect(minuteInShanghai('not a time')).toBe('not a time');
  });
});
