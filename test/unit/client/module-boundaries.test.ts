import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The client's side of the import graph. Nothing of the server may reach the browser bundle but
 * its zod-free vocabulary: every other server import is `import type` (erased in the build), so
 * a type or a constant is defined on one side of the client–server line only. And state/ holds
 * the dashboard's state and actions without touching the map: map/ hands in what state needs.
 */
const root = resolve(import.meta.dirname, '../../..');
const clientDirectory = join(root, 'client');

// Every `import … from`, `import '…'`, `export … from` and `import('…')`, with whether it is type-only.
const anyImport = /(?:^\s*(import|export)(\s+type\b)?\s+(?:[\s\S]*?\sfrom\s+)?|import\()\s*['"]([^'"]+)['"]/gm;

interface ImportLine {
  file: string;
  target: string;
  typeOnly: boolean;
}

function modulesIn(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return modulesIn(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The relative imports of every client module, as paths from the repository root. */
function clientImports(): ImportLine[] {
  return modulesIn(clientDirectory).flatMap((file) => {
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    return [...source.matchAll(anyImport)]
      .filter((match) => match[3].startsWith('.'))
      .map((match) => ({ file: relative(root, file), target: relative(root, resolve(dirname(file), match[3])), typeOnly: match[2] !== undefined }));
  });
}

describe('the client keeps to its side of the import graph', () => {
  const imports = clientImports();

  it('reads the imports (the api imports the server\'s AppType as a type, the panels its vocabulary)', () => {
    expect(imports).toContainEqual({ file: 'client/api/api-client.ts', target: 'server/app.ts', typeOnly: true });
    expect(imports.some((line) => line.target.startsWith('server/contract/vocabulary/') && !line.typeOnly)).toBe(true);
    expect(imports.some((line) => line.file.startsWith('client/state/') && line.target.startsWith('client/api/'))).toBe(true);
  });

  it('no client module imports a server module at run time, except the zod-free vocabulary', () => {
    const leaking = imports
      .filter((line) => line.target.startsWith('server/') && !line.typeOnly && !line.target.startsWith('server/contract/vocabulary/'))
      .map((line) => `${line.file} → ${line.target}`);
    expect(leaking).toEqual([]);
  });

  it('state/ imports nothing of map/: the map hands in what state needs (its snapshot, state/map-image.ts)', () => {
    const reachingTheMap = imports
      .filter((line) => line.file.startsWith('client/state/') && line.target.startsWith('client/map/'))
      .map((line) => `${line.file} → ${line.target}`);
    expect(reachingTheMap).toEqual([]);
  });

  it('the pure helpers in geometry/ and model/ read no state and touch no map', () => {
    const impure = imports
      .filter((line) => /^client\/(geometry|model)\//.test(line.file) && /^client\/(state|map|panels|layers)\//.test(line.target))
      .map((line) => `${line.file} → ${line.target}`);
    expect(impure).toEqual([]);
  });
});
