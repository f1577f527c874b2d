/**
 * Signs in the way the portal does (POST /v1/session) and answers the `cookie` request
 * header value (`cgt_session=...`) a browser would send back on same-origin requests.
 */
export async function signInSessionCookie(
  apiUrl: string,
  email: string,
  password = 'test-password-123',
): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(apiUrl).origin },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: HTTP ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie.startsWith('cgt_session=')) throw new Error(`sign-in of ${email}: no session cookie`);
  return cookie;
}
