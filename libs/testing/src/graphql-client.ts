export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; violations?: { path: string; message: string }[] } & Record<
    string,
    unknown
  >;
}

export interface GraphqlResponse<T> {
  status: number;
  data: T | null;
  errors?: GraphqlError[];
}

/** A GraphQL call over real HTTP, as a client would make it. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors };
}

/** Like graphql() but fails the test with the errors when there are any. */
export async function graphqlOk<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const result = await graphql<T>(baseUrl, query, variables, token);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const data = await graphqlOk<{ signIn: { token: string } }>(
    baseUrl,
    'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
    { input: { email, password } },
  );
  return data.signIn.token;
}
