import { parseAgreementRef, pickAgreementOfProduct } from './agreement-ref';

describe('--agreement', () => {
  it('is an agreement id or a product code', () => {
    expect(parseAgreementRef(' 0B3F1C2A-1111-4222-8333-944445555666 ')).toEqual({
      kind: 'id',
      id: '0b3f1c2a-1111-4222-8333-944445555666',
    });
    expect(parseAgreementRef('casgevy')).toEqual({ kind: 'product', code: 'CASGEVY' });
    expect(() => parseAgreementRef('  ')).toThrow(/agreement id or a product code/);
  });

  it('names the one executed agreement of a product, ignoring drafts and withdrawn ones', () => {
    const executed = { id: 'a1', status: 'EXECUTED' };
    expect(pickAgreementOfProduct('CASGEVY', [{ id: 'a0', status: 'WITHDRAWN' }, executed])).toBe('a1');
    expect(pickAgreementOfProduct('CASGEVY', [{ id: 'a2', status: 'EXPIRED' }])).toBe('a2');
    expect(() => pickAgreementOfProduct('LYFGENIA', [{ id: 'd', status: 'DRAFT' }])).toThrow(
      'Product LYFGENIA has no executed agreement',
    );
    expect(() => pickAgreementOfProduct('CASGEVY', [executed, { id: 'a3', status: 'EXECUTED' }])).toThrow(
      /2 executed agreements: give the id \(a1, a3\)/,
    );
  });
});
