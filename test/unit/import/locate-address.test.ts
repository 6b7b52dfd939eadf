import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { metresBetween } from '../../../server/geo/measure-metres.ts';
import { coveredAreaAround, type CoveredArea } from '../../../server/import/check-file-location.ts';
import { buildAddressIndex, locateAddress, type AddressGazetteer, type AddressIndex } from '../../../server/import/locate-address.ts';
import { parseExcelFile } from '../../../server/import/parse-excel-file.ts';
import { parseShanghaiAddress } from '../../../server/import/parse-shanghai-address.ts';
import { readAddressGazetteer } from '../../../server/import/read-address-gazetteer.ts';
import { geodataDirectory } from '../../helpers/geodata.ts';
import { measureLocatorError } from '../../helpers/measure-address-locator.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/import');
const truth: Record<string, [number, number]> = JSON.parse(readFileSync(resolve(fixtures, 'facilities-truth-wgs84.json'), 'utf8'));

let gazetteer: AddressGazetteer;
let index: AddressIndex;
let area: CoveredArea;
beforeAll(() => {
  gazetteer = readAddressGazetteer(geodataDirectory);
  index = buildAddressIndex(gazetteer);
  const boundary = JSON.parse(readFileSync(resolve(geodataDirectory, 'boundary.geojson'), 'utf8')).features.find((feature: { id: string }) => feature.id === 'subdistrict-weifang-xincun');
  area = coveredAreaAround(boundary.geometry.coordinates[0], '潍坊新村街道', 1500);
});

describe('parseShanghaiAddress', () => {
  it.each([
    ['上海市浦东新区潍坊新村街道崂山路639号', { normalised: '崂山路639号', district: '浦东新区', street: '崂山路', houseNumber: 639, kind: '号' }],
    ['崂山路５７１弄１２号', { normalised: '崂山路571弄12号', street: '崂山路', houseNumber: 571, kind: '弄' }],
    ['浦电路5-22号', { street: '浦电路', houseNumber: 5, kind: '号' }],
    ['源深路600弄3支弄', { street: '源深路', houseNumber: 600, kind: '弄' }],
    ['浦东南路1341弄', { street: '浦东南路', houseNumber: 1341, kind: '弄' }],
    ['浦东大道1097号', { street: '浦东大道', houseNumber: 1097, kind: '号' }],
    ['浦东 潍坊路 400 号', { district: '浦东新区', street: '潍坊路', houseNumber: 400 }],
    ['洋泾镇路3号', { street: '洋泾镇路', houseNumber: 3 }],
    ['东三街102弄', { street: '东三街', houseNumber: 102, kind: '弄' }],
    ['张杨路近东方路', { street: '张杨路', nearStreet: '东方路' }],
    ['张杨路东方路口', { street: '张杨路', nearStreet: '东方路' }],
    ['张杨路（近东方路）', { street: '张杨路', nearStreet: '东方路' }],
    ['潍坊四村', { place: '潍坊四村' }],
    ['港驳小区420弄', { place: '港驳小区' }],
    ['黄浦区中山南路1号', { district: '黄浦区', street: '中山南路', houseNumber: 1 }],
  ])('reads %s', (text, expected) => {
    expect(parseShanghaiAddress(text, ['南泉北路', '南泉路'])).toMatchObject(expected);
  });

  it('prefers the longest street name it knows', () => {
    expect(parseShanghaiAddress('南泉北路1017号', ['南泉路', '南泉北路']).street).toBe('南泉北路');
  });
});

describe('locateAddress', () => {
  it('places the Excel list of facilities with addresses only, saying how for every row', async () => {
    const { rows } = await parseExcelFile(new Uint8Array(readFileSync(resolve(fixtures, 'facilities-addresses-only.xlsx'))));
    const located = rows.map((row) => locateAddress(index, String(row.feature?.properties?.地址 ?? '')));
    expect(located.map((answer) => answer.quality)).toEqual([
      'exact', 'exact', 'exact', 'exact', 'interpolated', 'interpolated', 'street', 'street', 'exact', 'not-found', 'not-found',
    ]);
    expect(located.every((answer) => answer.source === 'address-located')).toBe(true);
    // The exact ones are where the dashboard has them, to the centimetre.
    expect(metresBetween(located[1].position!, truth['潍坊路270号'])).toBeLessThan(0.01);
    expect(metresBetween(located[2].position!, truth['浦电路307号'])).toBeLessThan(0.01);
    expect(located[0].basis).toMatch(/facility 潍坊社区卫生服务中心/);
    expect(located[4].basis).toBe('interpolated by house number between geocoded 潍坊路168弄 and 潍坊路208弄');
    expect(located[6].basis).toBe('street only: the corner of 张杨路 and 东方路');
    expect(located[7].basis).toBe('street only: the middle of 源深路');
    expect(located[9]).toMatchObject({ basisZh: '地址位于黄浦区，此处只收录浦东新区的地址' });
    expect(located[10].position).toBeUndefined();
  });

  it('puts 张杨路近东方路 where the two streets cross: on both centrelines', () => {
    const corner = locateAddress(index, '张杨路近东方路').position!;
    const roads = gazetteer.streets.filter((street) => street.name === '张杨路' || street.name === '东方路');
    expect(roads).toHaveLength(2);
    for (const road of roads) {
      // Every metre or so along the centreline, to find its point nearest the corner.
      const samples = road.lines.flatMap((line) => line.slice(1).flatMap((end, segment) => Array.from({ length: 1001 }, (_, step) =>
        [line[segment][0] + ((end[0] - line[segment][0]) * step) / 1000, line[segment][1] + ((end[1] - line[segment][1]) * step) / 1000])));
      expect(Math.min(...samples.map((sample) => metresBetween(sample, corner)))).toBeLessThan(2);
    }
  });

  it('places a number beyond the known ones at the nearest known one, as street only, not on a line run off the street', () => {
    const answer = locateAddress(index, '潍坊西路100弄');
    expect(answer).toMatchObject({ quality: 'exact' });
    const withoutIt = buildAddressIndex({ ...gazetteer, addresses: gazetteer.addresses.filter((known) => known.address !== '潍坊西路100弄') });
    const beyond = locateAddress(withoutIt, '潍坊西路100弄');
    expect(beyond.quality).toBe('street');
    expect(beyond.basis).toMatch(/beyond the known numbers of 潍坊西路/);
    expect(metresBetween(beyond.position!, answer.position!)).toBeLessThan(1_000);
  });

  it('places known addresses again, left out one by one, within the measured error', () => {
    const error = measureLocatorError(gazetteer, area);
    console.log(`address locator, leave-one-out over ${error.count} geocoded addresses around 潍坊新村: median ${error.medianMetres.toFixed(0)} m, 90th percentile ${error.percentile90Metres.toFixed(0)} m`
      + ` (interpolated ${error.byQuality.interpolated?.count}: median ${error.byQuality.interpolated?.medianMetres?.toFixed(0)} m; street only ${error.byQuality.street?.count}: median ${error.byQuality.street?.medianMetres?.toFixed(0)} m; not found ${error.byQuality['not-found']?.count})`);
    expect(error.count).toBeGreaterThan(400);
    // Measured 2026-12: median 112 m, 90th percentile 390 m, 460 addresses.
    expect(error.medianMetres).toBeLessThan(130);
    expect(error.percentile90Metres).toBeLessThan(450);
    expect(error.byQuality.interpolated!.medianMetres!).toBeLessThan(100);
  });
});
