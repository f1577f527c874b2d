import { cookieValue, credentialOf } from './session-credential';

describe('credentialOf: bearer header first, then the session cookie', () => {
  it.each<[string, { authorization?: string; cookie?: string }, ReturnType<typeof credentialOf>]>([
    ['nothing', {}, { via: 'none' }],
    ['a bearer token', { authorization: 'Bearer abc.def' }, { via: 'bearer', token: 'abc.def' }],
    ['a bearer token, any case', { authorization: 'bearer abc' }, { via: 'bearer', token: 'abc' }],
    ['the session cookie', { cookie: 'x=1; cgt_session=tok.en; y=2' }, { via: 'cookie', token: 'tok.en' }],
    [
      'the bearer token over the cookie',
      { authorization: 'Bearer b', cookie: 'cgt_session=c' },
      { via: 'bearer', token: 'b' },
    ],
    ['a Basic header (not a bearer token)', { authorization: 'Basic dXNlcg==' }, { via: 'malformed-authorization' }],
    ['Bearer without a token', { authorization: 'Bearer ' }, { via: 'malformed-authorization' }],
    [
      'an empty Authorization header falls back to the cookie',
      { authorization: '', cookie: 'cgt_session=c' },
      { via: 'cookie', token: 'c' },
    ],
    ['an empty session cookie', { cookie: 'cgt_session=' }, { via: 'none' }],
    ['a cookie whose name only ends like ours', { cookie: 'old_cgt_session=x' }, { via: 'none' }],
  ])('%s', (_, headers, expected) => {
    expect(credentialOf(headers)).toEqual(expected);
  });

  it('decodes a percent-encoded cookie and keeps an undecodable one as sent', () => {
    expect(cookieValue('a=b%3Dc', 'a')).toBe('b=c');
    expect(cookieValue('a=%E0%A4%A', 'a')).toBe('%E0%A4%A');
    expect(cookieValue(undefined, 'a')).toBeUndefined();
  });
});
