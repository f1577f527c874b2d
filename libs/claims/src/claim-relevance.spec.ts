import { relevantDiagnosisPrefixes } from './claim-relevance.service';

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
