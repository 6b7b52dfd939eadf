// Entry of `npm run geodata`: rebuilds every derived file in geodata/ from geodata/sources/.
// Pass an output directory to build elsewhere (the determinism test builds into a temp dir).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { geodataDirectory } from './read-source-files.ts';
import { buildAllDatasets } from './build-all-datasets.ts';
import { serializeDataset } from './serialize-dataset.ts';

const outputDirectory = path.resolve(process.argv[2] ?? geodataDirectory);
mkdirSync(outputDirectory, { recursive: true });

const { datasets, facilityStandards, reports } = buildAllDatasets();
for (const dataset of datasets) {
  writeFileSync(path.join(outputDirectory, `${dataset.collectionId}.geojson`), serializeDataset(dataset));
  console.log(`${dataset.collectionId}: ${dataset.features.length} features`);
}
writeFileSync(path.join(outputDirectory, 'facility_standards.json'), JSON.stringify(facilityStandards, null, 2) + '\n');
console.log(`facility_standards: ${facilityStandards.length} types`);
for (const line of reports) console.log(line);
