import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries of the server's folders that the import graph must keep: db/ is the door,
 * the drivers and the migrations, and calls nothing above it (seeding lives in seed/, which
 * calls queries/); the vocabulary is pure and zod-free, so the client can import it at run time.
 */
const serverDirectory = resolve(import.meta.dirname, '../../../server');

// Every `import … from`, `import '…'`, `export … from` and `import('…')`, types included.
const anyImport = /(?:^\s*(?:import|export)\s+(?:[\s\S]*?\sfrom\s+)?|import\()\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...source.matchAll(anyImport)].map((match) => match[1]);
}

function modulesIn(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return modulesIn(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The imports of the modules of `folder` (relative to server/) that leave it: server-relative paths, or package names. */
function importsLeaving(folder: string): string[] {
  const root = join(serverDirectory, folder);
  return modulesIn(root).flatMap((file) => importsOf(file)
    .map((specifier) => (specifier.startsWith('.') ? relative(serverDirectory, resolve(dirname(file), specifier)) : specifier))
    .filter((target) => !target.startsWith(`${folder}/`))
    .map((target) => `${relative(serverDirectory, file)} → ${target}`));
}

describe('the server\'s folders keep to their side of the import graph', () => {
  it('reads the imports (db/database.ts opens the drivers)', () => {
    expect(importsOf(join(serverDirectory, 'db/database.ts'))).toEqual(expect.arrayContaining(['./postgres.ts', './embedded.ts']));
  });

  it('db/ imports nothing of the server outside db/: no call up to queries/ or seed/', () => {
    const leaving = importsLeaving('db').filter((line) => /→ (?!node:|@electric-sql\/|pg$)/.test(line));
    expect(leaving).toEqual([]);
  });

  it('the vocabulary imports no package and no module outside it (no zod, no Node)', () => {
    expect(importsLeaving('contract/vocabulary')).toEqual([]);
  });
});
