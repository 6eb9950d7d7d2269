import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ALLOWED_BUTTONS, buttonsFor, CARTESIAN_BUTTONS, safePlotConfig, SCENE_BUTTONS } from './mode-bar';

/** The button names this plotly build registers (`Ya.NAME={name:"NAME",…}` in the minified bundle). */
function plotlyButtons(): Set<string> {
  const file = createRequire(import.meta.url).resolve('plotly.js-dist-min');
  const source = readFileSync(file, 'utf8');
  return new Set([...source.matchAll(/\.([A-Za-z0-9]+)=\{name:"\1"/g)].map((m) => m[1]!));
}

describe('the mode bar allow-list', () => {
  it('names only buttons this plotly build has, and none that reaches another origin', () => {
    const known = plotlyButtons();
    expect(known.has('sendChartToCloud')).toBe(true); // the share button exists in this build…
    for (const b of ALLOWED_BUTTONS) expect(known.has(b), b).toBe(true);
    for (const b of ['sendChartToCloud', 'sendDataToCloud', 'editInChartStudio', 'toggleHover'])
      expect(ALLOWED_BUTTONS.has(b), b).toBe(false); // …and is never allowed
  });

  it('picks the buttons by the kind of chart', () => {
    expect(buttonsFor([{ type: 'scatter3d' }])).toEqual(SCENE_BUTTONS);
    expect(buttonsFor([{ type: 'bar' }])).toEqual(CARTESIAN_BUTTONS);
    expect(buttonsFor([{}])).toEqual(CARTESIAN_BUTTONS);
    expect(buttonsFor([{ type: 'sankey' }])).toEqual(['toImage']);
  });

  it("never lets a caller's config add buttons or links", () => {
    const c = safePlotConfig(
      {
        modeBarButtonsToAdd: ['sendChartToCloud'],
        modeBarButtons: [['toImage', 'sendChartToCloud']],
        showLink: true,
        showSendToCloud: true,
        displaylogo: true,
        plotlyServerURL: 'https://chart-studio.plotly.com',
        displayModeBar: false,
      },
      [{ type: 'scatter' }],
    );
    expect(c.modeBarButtons).toEqual([[...CARTESIAN_BUTTONS]]);
    expect(c.modeBarButtonsToAdd).toBeUndefined();
    expect(c.showLink).toBe(false);
    expect(c.showSendToCloud).toBe(false);
    expect(c.displaylogo).toBe(false);
    expect(c.plotlyServerURL).toBe('');
    expect(c.displayModeBar).toBe(false); // other options pass through
    expect(safePlotConfig({ modeBarButtons: [['toImage']] }, []).modeBarButtons).toEqual([['toImage']]);
  });
});
