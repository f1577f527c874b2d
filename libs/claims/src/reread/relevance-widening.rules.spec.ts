import {
  canonicalRelevance,
  keepsNothing,
  newlyRelevant,
  NOTHING_RELEVANT,
  relevanceAfterReread,
  type RelevanceSnapshot,
} from './relevance-widening.rules';

const relevance = (diagnosisPrefixes: string[], ndc11s: string[] = [], hcpcs: string[] = []): RelevanceSnapshot => ({
  diagnosisPrefixes,
  ndc11s,
  hcpcs,
});

/** What a stored file must be re-read for (design-notes "Keep only what matters, but decide it correctly"). */
describe('newlyRelevant', () => {
  const catalog = relevance(['D57'], ['51167029009'], ['J3392']);
  it.each<[string, RelevanceSnapshot, RelevanceSnapshot, RelevanceSnapshot]>([
    ['nothing changed: nothing to re-read', catalog, catalog, NOTHING_RELEVANT],
    [
      'an executed benchmark outside D57 adds its prefix',
      catalog,
      relevance(['D57', 'I26'], ['51167029009'], ['J3392']),
      relevance(['I26']),
    ],
    [
      'a prefix inside one the file was loaded with adds nothing',
      catalog,
      relevance(['D57', 'D5721'], ['51167029009'], ['J3392']),
      NOTHING_RELEVANT,
    ],
    [
      'a wider prefix than the one loaded with is new',
      relevance(['D57', 'I26']),
      relevance(['D57', 'I2']),
      relevance(['I2']),
    ],
    [
      'a new catalog NDC and a new HCPCS code',
      catalog,
      relevance(['D57'], ['51167029009', '73554111101'], ['J3392', 'J3394']),
      relevance([], ['73554111101'], ['J3394']),
    ],
    ['codes no longer kept are not new (a narrowing re-reads nothing)', catalog, relevance(['D57']), NOTHING_RELEVANT],
    [
      'a file of unknown relevance is re-read for everything now kept',
      NOTHING_RELEVANT,
      catalog,
      relevance(['D57'], ['51167029009'], ['J3392']),
    ],
    [
      'case, blanks, spaces and repeats do not count',
      relevance([' d57 ', ''], ['51167029009'], ['j3392']),
      relevance(['D57', 'D57', ' i26'], ['51167029009 '], ['J3392']),
      relevance(['I26']),
    ],
  ])('%s', (_case, loadedWith, now, expected) => {
    expect(newlyRelevant(loadedWith, now)).toEqual(expected);
  });
});

describe('canonicalRelevance and keepsNothing', () => {
  it.each<[string, RelevanceSnapshot, RelevanceSnapshot, boolean]>([
    [
      'sorted, upper case, without repeats or blanks',
      relevance(['i26', 'D57', 'I26', ' ']),
      relevance(['D57', 'I26']),
      false,
    ],
    ['empty keeps nothing', NOTHING_RELEVANT, NOTHING_RELEVANT, true],
    ['one HCPCS code keeps something', relevance([], [], ['J3392']), relevance([], [], ['J3392']), false],
  ])('%s', (_case, given, canonical, nothing) => {
    expect(canonicalRelevance(given)).toEqual(canonical);
    expect(keepsNothing(given)).toBe(nothing);
  });
});

describe('relevanceAfterReread', () => {
  const loaded = relevance(['D57'], ['51167029009'], ['J3392']);
  const now = relevance(['D57', 'I26'], ['51167029009'], ['J3392']);
  it.each<[string, RelevanceSnapshot, RelevanceSnapshot, RelevanceSnapshot]>([
    ['re-read for all that is new: the relevance now in force', relevance(['I26']), now, now],
    [
      'widened again during the re-read: what it was read with, so the rest comes up again',
      relevance(['I26']),
      relevance(['D57', 'I26', 'J18'], ['51167029009'], ['J3392']),
      relevance(['D57', 'I26'], ['51167029009'], ['J3392']),
    ],
    ['a file re-read only for details: the relevance now in force', NOTHING_RELEVANT, loaded, loaded],
  ])('%s', (_case, rereadFor, inForce, expected) => {
    expect(relevanceAfterReread(loaded, rereadFor, inForce)).toEqual(expected);
    expect(keepsNothing(newlyRelevant(relevanceAfterReread(loaded, rereadFor, inForce), inForce))).toBe(
      expected === inForce,
    );
  });
});
