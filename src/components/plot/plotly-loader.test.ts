import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUNDLE_TRACES, bundleFor } from './plotly-loader';

const require = createRequire(import.meta.url);

/** The trace types a plotly dist bundle registers (`moduleType:"trace",name:"…"` in its source). */
function tracesOf(pkg: string): string[] {
  const source = readFileSync(require.resolve(pkg), 'utf8');
  return [
    ...new Set([...source.matchAll(/moduleType:"trace",name:"([a-z0-9]+)"/g)].map((m) => m[1]!)),
  ].sort();
}

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string })
    .version;
}

describe('plotly bundles', () => {
  it('lists exactly the trace types each partial bundle registers', () => {
    expect(tracesOf('plotly.js-cartesian-dist-min')).toEqual([...BUNDLE_TRACES.cartesian].sort());
    expect(tracesOf('plotly.js-gl3d-dist-min')).toEqual([...BUNDLE_TRACES.gl3d].sort());
    // The full bundle has them all, and the sankey the partial ones lack.
    const full = tracesOf('plotly.js-dist-min');
    for (const t of [...BUNDLE_TRACES.cartesian, ...BUNDLE_TRACES.gl3d, 'sankey']) expect(full).toContain(t);
    expect(BUNDLE_TRACES.cartesian).not.toContain('sankey');
  });

  it('uses partial bundles of the same plotly minor release as the full one', () => {
    const minor = (v: string) => v.split('.').slice(0, 2).join('.');
    const full = minor(versionOf('plotly.js-dist-min'));
    expect(minor(versionOf('plotly.js-cartesian-dist-min'))).toBe(full);
    expect(minor(versionOf('plotly.js-gl3d-dist-min'))).toBe(full);
  });

  it('picks the smallest bundle that draws every trace of a chart', () => {
    expect(bundleFor([{ type: 'bar' }, { type: 'scatter' }])).toBe('cartesian');
    expect(bundleFor([{}, { type: 'heatmap' }])).toBe('cartesian'); // no type: a scatter
    expect(bundleFor([{ type: 'scatter3d' }, { type: 'scatter3d' }])).toBe('gl3d');
    expect(bundleFor([{ type: 'sankey' }])).toBe('full');
    expect(bundleFor([{ type: 'scatter3d' }, { type: 'bar' }])).toBe('full'); // in neither partial bundle alone
    expect(bundleFor([])).toBe('cartesian');
  });
});
