import { cookieRequestRefusal, type CookieRequest } from './request-origin';

const OWN = 'https://cgt.example.gov';
const base: CookieRequest = {
  method: 'POST',
  origin: undefined,
  secFetchSite: undefined,
  referer: undefined,
  ownOrigin: OWN,
  allowedOrigins: ['http://localhost:5173'],
};

describe('cookieRequestRefusal: the CSRF rule for cookie-authorized requests (README "Portal")', () => {
  it.each<[string, Partial<CookieRequest>, RegExp | null]>([
    ['a GET changes nothing and may come from anywhere', { method: 'GET', origin: 'https://evil.example' }, null],
    ['a HEAD changes nothing', { method: 'head' }, null],
    ['an OPTIONS changes nothing', { method: 'OPTIONS' }, null],
    ['a POST from our own origin', { origin: OWN }, null],
    ['a POST from our own origin in capitals', { origin: 'HTTPS://CGT.EXAMPLE.GOV' }, null],
    ['a POST from an origin of API_ALLOWED_ORIGINS', { origin: 'http://localhost:5173' }, null],
    [
      'a POST from a foreign origin',
      { origin: 'https://evil.example' },
      /^Origin https:\/\/evil\.example is not this site/,
    ],
    ['a POST from our host over plain http', { origin: 'http://cgt.example.gov' }, /is not this site/],
    ['a POST from our host on another port', { origin: 'https://cgt.example.gov:8443' }, /is not this site/],
    ['a POST from a sibling subdomain', { origin: 'https://evil.cgt.example.gov' }, /is not this site/],
    ['a POST with Origin null (sandboxed frame, redirect)', { origin: 'null' }, /^Origin null is not this site/],
    ['a DELETE from a foreign origin', { method: 'DELETE', origin: 'https://evil.example' }, /is not this site/],
    ['a PUT without Origin but Sec-Fetch-Site same-origin', { method: 'PUT', secFetchSite: 'same-origin' }, null],
    ['a POST without Origin, Sec-Fetch-Site same-site', { secFetchSite: 'same-site' }, /same-site \(Sec-Fetch-Site\)/],
    ['a POST without Origin, Sec-Fetch-Site cross-site', { secFetchSite: 'cross-site' }, /cross-site/],
    ['a POST typed into the address bar (none)', { secFetchSite: 'none' }, /none \(Sec-Fetch-Site\)/],
    [
      'Sec-Fetch-Site decides before the Referer',
      { secFetchSite: 'cross-site', referer: `${OWN}/portal` },
      /cross-site/,
    ],
    ['a POST with only a Referer of ours', { referer: `${OWN}/portal/statements` }, null],
    ['a POST with only a foreign Referer', { referer: 'https://evil.example/x' }, /page of https:\/\/evil\.example/],
    ['a POST with an unreadable Referer', { referer: 'not a url' }, /page of an unknown origin/],
    ['a POST with no evidence at all', {}, /no Origin, Sec-Fetch-Site or Referer/],
    [
      'a foreign Origin wins over a same-origin Sec-Fetch-Site',
      { origin: 'https://evil.example', secFetchSite: 'same-origin' },
      /is not this site/,
    ],
  ])('%s', (_, request, expected) => {
    const refusal = cookieRequestRefusal({ ...base, ...request });
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it.each<[string, Partial<CookieRequest>, boolean]>([
    ['sign-in from a script without browser headers', {}, true],
    ['sign-in from our page', { origin: OWN }, true],
    ['sign-in from a foreign page (login CSRF)', { origin: 'https://evil.example' }, false],
    ['sign-in from a cross-site request without Origin', { secFetchSite: 'cross-site' }, false],
  ])('%s (headers optional)', (_, request, allowed) => {
    expect(cookieRequestRefusal({ ...base, ...request, headersOptional: true }) === null).toBe(allowed);
  });

  it('names the allowed origins in the refusal', () => {
    expect(cookieRequestRefusal({ ...base, origin: 'https://evil.example' })).toBe(
      'Origin https://evil.example is not this site (https://cgt.example.gov, http://localhost:5173)',
    );
  });
});
