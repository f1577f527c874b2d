import { relevanceFilterOf, relevanceSnapshotOf, relevantDiagnosisPrefixes } from './claim-relevance.service';
import { NOTHING_RELEVANT } from './reread/relevance-widening.rules';

/** Which diagnosis codes the reader keeps: D57 and every executed benchmark's prefixes (docs/architecture.md "Claim files at program scale"). */
describe('relevantDiagnosisPrefixes', () => {
  it.each([
    ['no executed benchmark: the sickle-cell codes', [], ['D57']],
    ['benchmark prefixes inside D57 add nothing', ['D570', 'D5721', 'D5781'], ['D57']],
    ['a prefix outside D57 is kept too', ['D570', 'I26'], ['D57', 'I26']],
    ['longer prefixes inside a kept one are dropped, blanks ignored', ['I2', 'I26', ' i269 ', ''], ['D57', 'I2']],
  ])('%s', (_case, prefixes, expected) => {
    expect(relevantDiagnosisPrefixes(prefixes)).toEqual(expected);
  });
});

/** The relevance stored on a submission and the reader's filter are one another's image. */
describe('relevanceSnapshotOf and relevanceFilterOf', () => {
  it.each([
    [
      'canonical: sorted, without repeats',
      {
        cgtNdc11s: new Set(['73554111101', '51167029009']),
        cgtHcpcs: new Set(['J3394', 'J3392']),
        diagnosisPrefixes: ['I26', 'D57'],
      },
      { diagnosisPrefixes: ['D57', 'I26'], ndc11s: ['51167029009', '73554111101'], hcpcs: ['J3392', 'J3394'] },
    ],
    [
      'nothing kept',
      { cgtNdc11s: new Set<string>(), cgtHcpcs: new Set<string>(), diagnosisPrefixes: [] },
      NOTHING_RELEVANT,
    ],
  ])('%s', (_case, filter, snapshot) => {
    expect(relevanceSnapshotOf(filter)).toEqual(snapshot);
    expect(relevanceSnapshotOf(relevanceFilterOf(snapshot))).toEqual(snapshot);
  });
});
