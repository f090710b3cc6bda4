import { describe, expect, it } from 'vitest';
import {
  PAPERS,
  defaultOptions,
  describeSheet,
  missingGlyphs,
  pages,
  pdfPath,
  previewKey,
  problems,
  sheetMm,
  size,
  splitPath,
  toRequest,
} from './options';

describe('papers', () => {
  it('offers the seven sizes the core prints, A4 to Tabloid', () => {
    expect(PAPERS.map((p) => p.label)).toEqual(['A4', 'A3', 'A2', 'A1', 'A0', 'Letter', 'Tabloid']);
  });

  it('turns the sheet for landscape', () => {
    expect(sheetMm({ paper: 'a3', orientation: 'portrait' })).toEqual([297, 420]);
    expect(sheetMm({ paper: 'a3', orientation: 'landscape' })).toEqual([420, 297]);
    expect(describeSheet({ paper: 'a3', orientation: 'landscape' })).toBe('A3 landscape · 420 × 297 mm');
    expect(describeSheet({ paper: 'letter', orientation: 'portrait' })).toBe('Letter portrait · 215.9 × 279.4 mm');
  });
});

describe('the request', () => {
  it('starts as one A3 landscape sheet with 10 mm margins', () => {
    const request = toRequest(defaultOptions('Switching'));
    expect(request).toEqual({
      journey: 'Switching',
      paper: 'a3',
      orientation: 'landscape',
      mode: 'fit',
      scale: 1,
      overlapMm: 10,
      marginMm: 10,
      personas: false,
      opportunities: false,
    });
  });

  it('sends the poster scale as a factor', () => {
    expect(toRequest({ ...defaultOptions(), mode: 'poster', scalePercent: 150 }).scale).toBe(1.5);
  });

  it('changes its preview key only when the output would change', () => {
    const a = defaultOptions();
    expect(previewKey(a)).toBe(previewKey({ ...a }));
    expect(previewKey(a)).not.toBe(previewKey({ ...a, orientation: 'portrait' }));
    expect(previewKey(a)).not.toBe(previewKey({ ...a, personas: true }));
  });
});

describe('problems', () => {
  it('accepts the defaults', () => {
    expect(problems(defaultOptions())).toEqual({});
  });

  it('names each number out of range, and poster numbers only for a poster', () => {
    const wild = { ...defaultOptions(), scalePercent: 2, overlapMm: 500, marginMm: -1 };
    expect(Object.keys(problems(wild))).toEqual(['marginMm']);
    const poster = problems({ ...wild, mode: 'poster' });
    expect(poster.scalePercent).toBe('Scale must be from 5 to 1000 %.');
    expect(poster.overlapMm).toMatch(/Overlap/);
    expect(poster.marginMm).toMatch(/Margin/);
    expect(problems({ ...defaultOptions(), marginMm: Number.NaN }).marginMm).toBeDefined();
  });
});

describe('paths and figures', () => {
  it('adds .pdf when the typed path lacks it', () => {
    expect(pdfPath('  /home/ana/Kundenreise März ')).toBe('/home/ana/Kundenreise März.pdf');
    expect(pdfPath('/tmp/map.PDF')).toBe('/tmp/map.PDF');
    expect(pdfPath('   ')).toBe('');
  });

  it('splits a path into folder and name on either separator', () => {
    expect(splitPath('/home/ana/map.pdf')).toEqual({ folder: '/home/ana', name: 'map.pdf' });
    expect(splitPath('C:\\Maps\\map.pdf')).toEqual({ folder: 'C:\\Maps', name: 'map.pdf' });
    expect(splitPath('/map.pdf')).toEqual({ folder: '/', name: 'map.pdf' });
    expect(splitPath('map.pdf')).toEqual({ folder: '', name: 'map.pdf' });
  });

  it('counts pages and bytes as a person reads them', () => {
    expect([pages(1), pages(12)]).toEqual(['1 page', '12 pages']);
    expect([size(300), size(84_400), size(1_400_000)]).toEqual(['1 KB', '84 KB', '1.4 MB']);
  });
});

describe('characters that print as boxes', () => {
  it('names the code points and the card’s text', () => {
    expect(missingGlyphs({ card: null, text: 'Rückruf \u0378 zusagen', codepoints: [0x378, 0x10fffd] })).toBe(
      'U+0378, U+10FFFD in “Rückruf \u0378 zusagen”',
    );
  });
});
