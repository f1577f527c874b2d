import { Link } from 'react-router';
import { graphql } from '../api/graphql';
import { useQuery } from '../api/use-query';
import { Empty, QueryView } from '../components/states';
import { dateTime, words } from '../format';

const SimulationsQuery = graphql(`
  query PortalSimulations {
    termSheetSimulations(first: 50) {
      edges {
        node {
          id
          kind
          status
          label
          versionNumber
          compareVersionNumber
          trials
          horizonYears
          createdByLabel
          createdAt
        }
      }
    }
  }
`);

/** Term-sheet simulations the user may read, newest first (run them from the console or the API). */
export function SimulationsPage() {
  const runs = useQuery(SimulationsQuery, {});
  return (
    <>
      <h1>Term-sheet simulations</h1>
      <QueryView state={runs} what="simulations">
        {({ termSheetSimulations }) =>
          termSheetSimulations.edges.length === 0 ? (
            <Empty>No simulations yet: run one with the simulateTermSheet mutation.</Empty>
          ) : (
            <table>
              <caption>Simulations, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Simulation</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Trials</th>
                  <th scope="col">Years</th>
                  <th scope="col">Requested</th>
                </tr>
              </thead>
              <tbody>
                {termSheetSimulations.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <Link to={`/simulations/${node.id}`}>
                        {node.label ?? `Version ${node.versionNumber ?? '(unsaved)'}`}
                      </Link>
                    </td>
                    <td>
                      {words(node.kind)}
                      {node.compareVersionNumber ? ` with version ${node.compareVersionNumber}` : ''}
                    </td>
                    <td>{words(node.status)}</td>
                    <td>{node.trials.toLocaleString('en-US')}</td>
                    <td>{node.horizonYears}</td>
                    <td>
                      {dateTime(node.createdAt)} by {node.createdByLabel}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </>
  );
}
