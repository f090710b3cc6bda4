import { describe, expect, it } from 'vitest';
import { findOnMap, fold } from './find';
import { buildGrid } from './grid';
import { card, sampleProject } from './fixture.test-util';

function grid() {
  const { project, ids } = sampleProject();
  project.cards.push(
    card(ids.pains, ids.buy, 'a0', 'Die GRÖSSE des Tarifs bleibt unklar'),
    card(ids.actions, ids.see, 'a0', 'Klient dzwoni z ŁODZI'),
    card(ids.actions, ids.buy, 'a0', 'Compares prices'),
    card(ids.pains, ids.see, 'a0', 'Zażółć gęślą jaźń'),
  );
  return { grid: buildGrid(project, project.journeys[0]), ids };
}

const texts = (query: string, locale = 'en') => findOnMap(grid().grid, query, locale).map((f) => `${f.kind}:${f.text}`);

describe('fold', () => {
  it('writes ß and ẞ as ss and lower-cases Polish capitals', () => {
    expect(fold('Größe')).toBe('grösse');
    expect(fold('GROẞE')).toBe('grosse');
    expect(fold('ŁÓDŹ ZAŻÓŁĆ', 'pl')).toBe('łódź zażółć');
  });

  it('treats a composed and a decomposed letter alike', () => {
    expect(fold('Gro\u0308sse')).toBe(fold('Grösse'));
  });
});

describe('findOnMap', () => {
  it('finds German text whatever its case and however ß is written', () => {
    expect(texts('größe', 'de')).toEqual(['card:Die GRÖSSE des Tarifs bleibt unklar']);
    expect(texts('GRÖẞE', 'de')).toEqual(['card:Die GRÖSSE des Tarifs bleibt unklar']);
  });

  it('finds Polish text whatever its case', () => {
    expect(texts('łodzi', 'pl')).toEqual(['card:Klient dzwoni z ŁODZI']);
    expect(texts('ZAŻÓŁĆ GĘŚLĄ', 'pl')).toEqual(['card:Zażółć gęślą jaźń']);
  });

  it('finds personas, stages, steps and cards in reading order', () => {
    // "a" is in almost everything: the legend first, then column by column, stage before step
    // before cards, lanes top to bottom.
    expect(texts('a')).toEqual([
      'persona:Ana',
      'stage:Awareness',
      'step:See an ad',
      'card:Zażółć gęślą jaźń',
      'step:Compare',
      'stage:Purchase',
      'card:Compares prices',
      'card:Die GRÖSSE des Tarifs bleibt unklar',
    ]);
  });

  it('says where each card is, so the map can select it and bring it into view', () => {
    const { grid: g, ids } = grid();
    const [found] = findOnMap(g, 'prices');
    expect(found).toMatchObject({ kind: 'card', lane: ids.actions, step: ids.buy, column: 2, row: 0 });
  });

  it('finds nothing for an empty or blank query', () => {
    expect(texts('')).toEqual([]);
    expect(texts('   ')).toEqual([]);
  });
});
