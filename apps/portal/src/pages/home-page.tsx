import { graphql } from '../api/graphql';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/states';
import { words } from '../format';

const MeQuery = graphql(`
  query PortalMe {
    me {
      id
      displayName
      email
      role
      stateCode
      lastLoginAt
    }
  }
`);

/** Shown for portal routes that have no page yet for the role. */
export function HomePage() {
  const me = useQuery(MeQuery, {});
  return (
    <>
      <h1>Welcome</h1>
      <QueryView state={me} what="your account">
        {({ me: user }) => (
          <p>
            Signed in as {user.displayName} ({user.email}), {words(user.role).toLowerCase()}
            {user.stateCode ? ` for ${user.stateCode}` : ''}.
          </p>
        )}
      </QueryView>
    </>
  );
}
