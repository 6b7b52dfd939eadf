import { pointOnFeature } from '@turf/turf';
import { getResolution, gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { readGeodataCollections } from '../helpers/geodata.ts';

const geodata = readGeodataCollections();
const estates = geodata.get('neighbourhoods')?.features ?? [];
const facilities = geodata.get('facilities')?.features ?? [];
const estateResidents = estates.reduce((total, estate) => total + Number(estate.properties?.residents ?? 0), 0);
const health = 'community_health_center';

interface HexCellAnswer { cell: string; walkMinutes: number | null; residents: number }
const cellOf = (longitude: number, latitude: number) => latLngToCell(latitude, longitude, 10);
const facilityCell = (facility: (typeof facilities)[number]) => {
  const [longitude, latitude] = pointOnFeature(facility).geometry.coordinates;
  return cellOf(longitude, latitude);
};

describe.each(serversUnderTest())('the gap heat map (GET /api/coverage/hex-grid) on the $database database', (server) => {
  it('answers resolution-10 cells over every estate, with the estates\' residents and the type\'s threshold', async () => {
    const { status, body } = await getJson(server, `/api/coverage/hex-grid?type=${health}`);
    expect(status).toBe(200);
    expect(body.resolution).toBe(10);
    expect(body.thresholdMinutes).toBeCloseTo(body.thresholdMetres / 60, 1);
    const cells: HexCellAnswer[] = body.cells;
    expect(cells.length).toBeGreaterThan(150);
    expect(cells.every((cell) => getResolution(cell.cell) === 10)).toBe(true);
    expect(new Set(cells.map((cell) => cell.cell)).size).toBe(cells.length);
    const byCell = new Map(cells.map((cell) => [cell.cell, cell]));
    for (const estate of estates) {
      const [longitude, latitude] = pointOnFeature(estate).geometry.coordinates;
      const inside = byCell.get(cellOf(longitude, latitude));
      expect(inside, String(estate.id)).toBeDefined();
      if (Number(estate.properties?.residents) > 0) expect(inside!.residents, String(estate.id)).toBeGreaterThan(0);
    }
    // Whole residents that add up to the estates' own total: spread, not invented or lost.
    expect(cells.every((cell) => Number.isInteger(cell.residents) && cell.residents >= 0)).toBe(true);
    const total = cells.reduce((sum, cell) => sum + cell.residents, 0);
    expect(Math.abs(total - estateResidents)).toBeLessThanOrEqual(1);
    expect(body.summary.residents).toBe(total);
    expect(body.summary.cells).toBe(cells.length);
    const beyond = cells.filter((cell) => cell.walkMinutes !== null && cell.walkMinutes > body.thresholdMinutes + 0.1).reduce((sum, cell) => sum + cell.residents, 0);
    expect(body.summary.residentsBeyondThreshold).toBeGreaterThanOrEqual(beyond);
    expect(body.summary.residentsUnreachable).toBe(cells.filter((cell) => cell.walkMinutes === null).reduce((sum, cell) => sum + cell.residents, 0));
  });

  it('is about 0 minutes at a facility of the type and grows away from it', async () => {
    // The type with the most facilities: some of them stand by a street, so their cell is a few metres' walk.
    const coverage = (await getJson(server, '/api/coverage')).body;
    const type = [...coverage.byType].sort((a, b) => b.facilityCount - a.facilityCount)[0].facilityType;
    const { body } = await getJson(server, `/api/coverage/hex-grid?type=${type}`);
    const byCell = new Map<string, HexCellAnswer>(body.cells.map((cell: HexCellAnswer) => [cell.cell, cell]));
    const notOpen = new Set<string>(coverage.facilitiesNotOpen);
    const open = facilities.filter((facility) => facility.properties?.facility_type === type && facility.properties?.placeholder !== true && !notOpen.has(String(facility.id)));
    // The facility whose cell is nearest the street network: its centre is a few metres from the door.
    const [atFacility] = open.map(facilityCell).filter((cell) => byCell.get(cell)?.walkMinutes != null)
      .sort((a, b) => byCell.get(a)!.walkMinutes! - byCell.get(b)!.walkMinutes!);
    expect(atFacility).toBeDefined();
    const centre = byCell.get(atFacility)!;
    expect(centre.walkMinutes!).toBeLessThanOrEqual(2);
    const ringMinutes = (distance: number) => gridDisk(atFacility, distance)
      .filter((cell) => gridDistance(atFacility, cell) === distance)
      .map((cell) => byCell.get(cell)?.walkMinutes)
      .filter((minutes): minutes is number => typeof minutes === 'number');
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(ringMinutes(3).length).toBeGreaterThan(0);
    expect(Math.min(...ringMinutes(3))).toBeGreaterThan(centre.walkMinutes!);
    expect(mean(ringMinutes(4))).toBeGreaterThan(mean(ringMinutes(1)));
  });

  it('refuses an unknown type with a clear message, in English and Chinese', async () => {
    const unknown = await getJson(server, '/api/coverage/hex-grid?type=space_port');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('space_port');
    expect((await getJson(server, '/api/coverage/hex-grid')).status).toBe(400);
    expect((await getJson(server, '/api/coverage/hex-grid?type=Health;drop')).status).toBe(400);
  });

  it('follows the date: a facility not yet open leaves its cells farther, and counts once it is', async () => {
    // 望江驿8号 (a civilisation practice point) opened in 2018; the plan's sites open when their projects complete.
    const dates = ['2017-06-01', '2022-01-01', '2035-12-31'];
    const [today, ...others] = await Promise.all(['', ...dates].map((date) => getJson(server, `/api/coverage${date ? `?asOf=${date}` : ''}`)));
    const typesWithDistance = new Set(today.body.byType.map((type: { facilityType: string }) => type.facilityType));
    // A real facility of a type with a distance, open on one date and not on the other.
    const candidates = others.flatMap((other, index) => {
      const [closedOn, openOn] = other.body.facilitiesNotOpen.length > today.body.facilitiesNotOpen.length ? [dates[index], ''] : ['', dates[index]];
      const closed = new Set<string>((closedOn ? other : today).body.facilitiesNotOpen);
      const opened = new Set<string>((openOn ? other : today).body.facilitiesNotOpen);
      return facilities
        .filter((facility) => closed.has(String(facility.id)) && !opened.has(String(facility.id)) && typesWithDistance.has(facility.properties?.facility_type))
        .map((facility) => ({ facility, closedOn, openOn }));
    });
    expect(candidates.length).toBeGreaterThan(0);
    const { facility, closedOn, openOn } = candidates[0];
    const type = String(facility.properties?.facility_type);
    const ask = (date: string) => getJson(server, `/api/coverage/hex-grid?type=${type}${date ? `&asOf=${date}` : ''}`);
    const [whenClosed, whenOpen] = await Promise.all([ask(closedOn), ask(openOn)]);
    expect(whenOpen.body.facilityCount).toBeGreaterThan(whenClosed.body.facilityCount);
    const minutesAt = (answer: typeof whenOpen, cell: string) => answer.body.cells.find((candidate: HexCellAnswer) => candidate.cell === cell)?.walkMinutes ?? null;
    const cell = facilityCell(facility);
    const open = minutesAt(whenOpen, cell);
    expect(open).not.toBeNull();
    expect(open!).toBeLessThanOrEqual(2);
    const closed = minutesAt(whenClosed, cell);
    if (closed !== null) expect(closed).toBeGreaterThan(open!);
  });
});
