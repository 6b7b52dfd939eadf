import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The code loaded before the first map is drawn: client/main.tsx and the two map modules it
 * fetches at once (dashboard-map, deck-overlay), with everything they import statically. The
 * panels the first map does not need are fetched on first use (client/panels/lazy-panels.tsx,
 * leaders-panel.tsx); one static import of them would put them back into that code, which the
 * bench's bundle figure would show only as a few kB more. This test names the module instead.
 */
const clientDirectory = resolve(import.meta.dirname, '../../../client');
const firstMapRoots = ['main.tsx', 'map/dashboard-map.ts', 'map/deck-overlay.ts'];

// `import … from '…'`, `import '…'` and `export … from '…'`; `import type` and `import('…')` load nothing at start.
const staticImport = /^\s*(?:import|export)\s+(?!type\b)(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function staticImportsOf(source: string): string[] {
  return [...source.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(staticImport)].map((match) => match[1]);
}

/** Every client module (relative to client/) and package reached from the roots by static imports. */
function reachedFromFirstMap() {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pending = firstMapRoots.map((root) => join(clientDirectory, root));
  while (pending.length > 0) {
    const file = pending.pop()!;
    const name = relative(clientDirectory, file);
    if (modules.has(name)) continue;
    modules.add(name);
    for (const specifier of staticImportsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        // Stylesheets and ?url assets are not modules with imports of their own.
        if (/\.(ts|tsx)$/.test(target) && existsSync(target)) pending.push(target);
      } else {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }
  }
  return { modules, packages };
}

describe('the first map loads no panel it does not show', () => {
  const { modules, packages } = reachedFromFirstMap();

  it('reads the import graph (the map, the layer panel and the top bar are in it)', () => {
    expect(modules).toContain('app.tsx');
    expect(modules).toContain('panels/layer-panel.tsx');
    expect(modules).toContain('panels/sign-in.tsx');
    expect(modules).toContain('layers/build-layers.ts');
    expect(packages).toContain('maplibre-gl');
    expect(packages).toContain('@deck.gl/layers');
  });

  it.each([
    'panels/projects-panel.tsx',
    'panels/projects-of-place.tsx',
    'panels/coverage-panel.tsx',
    'panels/project-editor.tsx',
    'panels/drawing-toolbar.tsx',
    'panels/conflict-dialog.tsx',
    'panels/impact-report.tsx',
    'panels/sign-in-form.tsx',
    'panels/leaders-view.tsx',
    'report/report-view.tsx',
    'state/editing-actions.ts',
    'draw/drawing-tools.ts',
    'panels/import-dialog.tsx',
    'state/import-actions.ts',
    'api/imports.ts',
    'panels/people-dialog.tsx',
    'panels/password-change-form.tsx',
    'state/people-actions.ts',
    'api/people.ts',
    // The gap heat map's layer brings @deck.gl/geo-layers and h3-js: fetched when it is first turned on.
    'layers/hex-gap-layer.ts',
  ])('%s is fetched on first use', (module) => {
    expect(existsSync(join(clientDirectory, module))).toBe(true);
    expect(modules).not.toContain(module);
  });

  it.each(['@deck.gl/extensions', 'terra-draw', 'echarts', 'jspdf', 'html2canvas-pro'])('%s is fetched on first use', (name) => {
    expect(packages).not.toContain(name);
  });
});
