import { cellToBoundary, cellToLatLng, cellsToDirectedEdge, directedEdgeToBoundary, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { buildHexGapGrid } from '../../../server/analysis/build-hex-gap-grid.ts';
import { buildWalkingGraph } from '../../../server/analysis/build-walking-graph.ts';
import { attachUnits, prepareNetwork, type ResidentialUnit } from '../../../server/analysis/compute-coverage.ts';
import { computeTwoStepCatchment, type FacilityWithCapacity } from '../../../server/analysis/compute-two-step-catchment.ts';
import { walkFromSources } from '../../../server/analysis/walk-from-sources.ts';
import { edgesFromMetres, fixtureProjection, toLongitudeLatitude } from '../../fixtures/metre-networks.ts';

const unit = (id: string, gate: number[], residents: number): ResidentialUnit =>
  ({ id, name: id, residents, residentsAged60Plus: residents / 2, gates: [toLongitudeLatitude(gate)] });
const withCapacity = (id: string, at: number[], capacity: number | null, facilityType = 'gym'): FacilityWithCapacity => {
  const [longitude, latitude] = toLongitudeLatitude(at);
  return { id, name: id, facilityType, longitude, latitude, capacity };
};

describe('computeTwoStepCatchment', () => {
  // One street 0 … 2000 m; gates 10 m north of it; facilities on it.
  const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({ street: [[0, 0], [2000, 0]] }), fixtureProjection));
  const estates = attachUnits(network, [unit('a', [100, 10], 1000), unit('b', [500, 10], 3000), unit('c', [1500, 10], 2000)]);
  const options = { walkMetres: 500, maximumAccessMetres: 500 };

  it('divides each facility among the people within reach, and sums the shares each estate reaches', () => {
    // F1 at 300 reaches a (210 m) and b (210 m): 40 / 4000. F2 at 1400 reaches c (110 m) only: 10 / 2000; b is 910 m away.
    const result = computeTwoStepCatchment(network, estates, 'gym', [withCapacity('f1', [300, 0], 40), withCapacity('f2', [1400, 0], 10)], options)!;
    expect(result.byFacility).toEqual([
      { id: 'f1', capacity: 40, demandInReach: 4000, supplyPerPerson: 0.01 },
      { id: 'f2', capacity: 10, demandInReach: 2000, supplyPerPerson: 0.005 },
    ]);
    expect(result.byUnit).toEqual([
      { id: 'a', supplyPerPerson: 0.01, facilitiesInReach: 1, incomplete: false },
      { id: 'b', supplyPerPerson: 0.01, facilitiesInReach: 1, incomplete: false },
      { id: 'c', supplyPerPerson: 0.005, facilitiesInReach: 1, incomplete: false },
    ]);
    expect(result.demandBasis).toBe('residents');
  });

  it('counts older residents for an elderly service, and a centre shared by more people gives each less', () => {
    const result = computeTwoStepCatchment(network, estates, 'elderly_day_care', [withCapacity('day-care', [300, 0], 20, 'elderly_day_care'), withCapacity('other', [600, 0], 10, 'elderly_day_care')], options)!;
    // day-care (300) reaches a and b: 500 + 1500 older residents; other (600) reaches b (110 m) but not a (510 m).
    expect(result.demandBasis).toBe('residentsAged60Plus');
    expect(result.byFacility.map((facility) => facility.supplyPerPerson)).toEqual([20 / 2000, 10 / 1500]);
    expect(result.byUnit.map((estate) => estate.supplyPerPerson)).toEqual([20 / 2000, 20 / 2000 + 10 / 1500, 0].map((value) => expect.closeTo(value, 12)));
  });

  it('leaves out and names a facility of unknown capacity, marks the estates it reaches, and answers null with no capacity known', () => {
    const result = computeTwoStepCatchment(network, estates, 'gym', [withCapacity('f1', [300, 0], 40), withCapacity('unknown', [1500, 0], null)], options)!;
    expect(result.facilitiesWithoutCapacity).toEqual(['unknown']);
    expect(result.byUnit.find((estate) => estate.id === 'c')).toEqual({ id: 'c', supplyPerPerson: 0, facilitiesInReach: 0, incomplete: true });
    expect(computeTwoStepCatchment(network, estates, 'gym', [withCapacity('unknown', [1500, 0], null)], options)).toBeNull();
  });
});

describe('buildHexGapGrid', () => {
  // A street west–east through the centre of one resolution-10 cell, and a facility 300 m east of that centre.
  const centreCell = latLngToCell(31.225, 121.52, 10);
  const [centreLatitude, centreLongitude] = cellToLatLng(centreCell);
  const centreX = fixtureProjection.toX(centreLongitude);
  const centreY = fixtureProjection.toY(centreLatitude);
  const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({ street: [[centreX - 600, centreY], [centreX + 600, centreY]] }), fixtureProjection));
  const facility = attachUnits(network, [unit('facility', [centreX + 300, centreY], 0)]).gateAttachments[0][0]!;
  const walk = walkFromSources(network.graph, [facility]);
  const local = ([longitude, latitude]: number[]) => [fixtureProjection.toX(longitude), fixtureProjection.toY(latitude)];
  const square = (half: number) => ({ type: 'Polygon' as const, coordinates: [[[-half, -half], [half, -half], [half, half], [-half, half], [-half, -half]].map(([x, y]) => toLongitudeLatitude([centreX + x, centreY + y]))] });
  const options = { speedMetresPerSecond: 1, maximumAccessMetres: 500 };

  it('walks from each cell\'s centre to the nearest facility: its access walk, then along the street', () => {
    const grid = buildHexGapGrid(network, walk, square(150), [], options);
    const byCell = new Map(grid.map((cell) => [cell.cell, cell]));
    expect(byCell.get(centreCell)).toMatchObject({ walkMetres: expect.closeTo(300, 6), walkMinutes: expect.closeTo(5, 6), residents: 0 });
    for (const neighbour of gridDisk(centreCell, 1).filter((cell) => cell !== centreCell)) {
      const [x, y] = local(cellToLatLng(neighbour).reverse());
      expect(byCell.get(neighbour)!.walkMetres).toBeCloseTo(Math.abs(y - centreY) + Math.abs(centreX + 300 - x), 6);
    }
  });

  it('puts an estate inside one cell all in that cell, and splits one across two by area, keeping every resident', () => {
    const boundary = cellToBoundary(centreCell, true);
    const inside = { residents: 900, geometry: { type: 'Polygon' as const, coordinates: [[[centreLongitude, centreLatitude], boundary[0], boundary[1], [centreLongitude, centreLatitude]]] } };
    // The rhombus between the centres of two neighbouring cells and the ends of their shared edge: half in each.
    const neighbour = gridDisk(centreCell, 1).find((cell) => cell !== centreCell)!;
    const [first, second] = directedEdgeToBoundary(cellsToDirectedEdge(centreCell, neighbour), true);
    const [neighbourLatitude, neighbourLongitude] = cellToLatLng(neighbour);
    const across = { residents: 1000, geometry: { type: 'Polygon' as const, coordinates: [[[centreLongitude, centreLatitude], first, [neighbourLongitude, neighbourLatitude], second, [centreLongitude, centreLatitude]]] } };
    const grid = buildHexGapGrid(network, walk, square(150), [inside, across], options);
    const residentsOf = (cell: string) => grid.find((one) => one.cell === cell)!.residents;
    expect(grid.reduce((total, cell) => total + cell.residents, 0)).toBeCloseTo(1900, 6);
    expect(residentsOf(centreCell)).toBeGreaterThan(900 + 480);
    expect(residentsOf(neighbour)).toBeCloseTo(1900 - residentsOf(centreCell), 6);
    expect(residentsOf(neighbour)).toBeGreaterThan(480);
    expect(residentsOf(neighbour)).toBeLessThan(520);
  });

  it('says null, not 0, for a cell too far from any street', () => {
    const farNetwork = prepareNetwork(buildWalkingGraph(edgesFromMetres({ street: [[centreX + 2000, centreY], [centreX + 2600, centreY]] }), fixtureProjection));
    const farWalk = walkFromSources(farNetwork.graph, [{ edge: 0, offsetMetres: 0, accessMetres: 0 }]);
    const grid = buildHexGapGrid(farNetwork, farWalk, square(30), [], options);
    expect(grid.find((cell) => cell.cell === centreCell)).toMatchObject({ walkMetres: null, walkMinutes: null });
  });
});
