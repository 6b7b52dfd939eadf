// `npm run geodata` must reproduce the committed files byte for byte, and the facility
// standards must cover every facility type the data uses.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geodataDirectory, loadCollection } from './load-geodata.ts';

const repositoryRoot = path.resolve(geodataDirectory, '..');
const derivedFiles = readdirSync(geodataDirectory).filter((file) => file.endsWith('.geojson') || file === 'facility_standards.json').sort();

function buildInto(directory: string): void {
  execFileSync(process.execPath, [path.join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'), 'geodata/build/main.ts', directory], {
    cwd: repositoryRoot,
    stdio: 'pipe',
  });
}

describe('npm run geodata', () => {
  it('rebuilds every committed derived file byte for byte, twice in a row', { timeout: 120_000 }, () => {
    const first = mkdtempSync(path.join(tmpdir(), 'geodata-first-'));
    const second = mkdtempSync(path.join(tmpdir(), 'geodata-second-'));
    try {
      buildInto(first);
      buildInto(second);
      expect(readdirSync(first).sort()).toEqual(derivedFiles);
      for (const file of derivedFiles) {
        const committed = readFileSync(path.join(geodataDirectory, file), 'utf8');
        expect(readFileSync(path.join(first, file), 'utf8') === committed, `${file} differs from the committed file: run npm run geodata`).toBe(true);
        expect(readFileSync(path.join(second, file), 'utf8') === committed, `${file} differs between two builds`).toBe(true);
      }
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('writes no timestamps', () => {
    for (const file of derivedFiles) {
      expect(readFileSync(path.join(geodataDirectory, file), 'utf8'), file).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
    }
  });
});

describe('facility standards', () => {
  const standards = JSON.parse(readFileSync(path.join(geodataDirectory, 'facility_standards.json'), 'utf8')) as Record<string, unknown>[];

  it('is a plain array with the documented fields', () => {
    expect(Array.isArray(standards)).toBe(true);
    for (const standard of standards) {
      expect(Object.keys(standard).sort()).toEqual(['confidence', 'facility_type', 'level', 'max_walk_metres', 'name_zh', 'scale', 'source']);
      expect(['high', 'medium', 'low']).toContain(standard.confidence);
      expect(standard.max_walk_metres === null || typeof standard.max_walk_metres === 'number').toBe(true);
    }
    const types = standards.map((standard) => standard.facility_type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('carries the GB 50180 radii of standards.md §1.3', () => {
    const radius = (type: string) => standards.find((standard) => standard.facility_type === type)?.max_walk_metres;
    expect(radius('kindergarten')).toBe(300);
    expect(radius('primary_school')).toBe(500);
    expect(radius('community_health_center')).toBe(1000);
    expect(radius('metro_station')).toBe(800);
    expect(radius('waste_collection_point')).toBe(70);
  });

  it('covers every facility type used by facilities and metro stations', () => {
    const known = new Set(standards.map((standard) => standard.facility_type));
    for (const collectionId of ['facilities', 'metro_stations'] as const) {
      for (const feature of loadCollection(collectionId).features) expect(known, `${feature.id}: ${feature.properties.facility_type}`).toContain(feature.properties.facility_type);
    }
  });
});
