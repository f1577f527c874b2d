import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { date, plural, words } from '../../format';

const AgreementsQuery = graphql(`
  query PortalAgreements($after: String) {
    agreements(first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          executedAt
          product {
            code
            brandName
            genericName
          }
          manufacturer {
            id
            legalName
            labelerCodes
          }
          latestVersion {
            versionNumber
            terms {
              enrollmentStart
              enrollmentEnd
            }
          }
          participations(first: 60) {
            totalCount
            edges {
              node {
                id
                stateCode
              }
            }
          }
        }
      }
    }
  }
`);

/** Coordinators and auditors: every agreement with its product, manufacturer, status, window and states. */
export function AgreementsPage() {
  const [after, setAfter] = useState<string | null>(null);
  const agreements = useQuery(AgreementsQuery, { after });
  return (
    <>
      <h1>Agreements</h1>
      <QueryView state={agreements} what="agreements">
        {({ agreements: list }) =>
          list.edges.length === 0 ? (
            <Empty>No agreement has been drafted yet.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{plural(list.totalCount, 'agreement')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Product</th>
                      <th scope="col">Manufacturer</th>
                      <th scope="col">Status</th>
                      <th scope="col">Enrollment window</th>
                      <th scope="col">Participating states</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.edges.map(({ node: a }) => {
                      const states = a.participations.edges.map((e) => e.node.stateCode);
                      const terms = a.latestVersion?.terms;
                      return (
                        <tr key={a.id}>
                          <td>
                            <Link to={`/agreements/${a.id}`}>
                              {a.product.brandName} ({a.product.genericName})
                            </Link>
                          </td>
                          <td>
                            {a.manufacturer.legalName ?? '—'} · labeler {a.manufacturer.labelerCodes.join(', ')}
                          </td>
                          <td>{words(a.status)}</td>
                          <td>{terms ? `${date(terms.enrollmentStart)} to ${date(terms.enrollmentEnd)}` : '—'}</td>
                          <td>
                            {a.participations.totalCount === 0
                              ? 'None yet'
                              : `${a.participations.totalCount}: ${[...new Set(states)].sort().join(', ')}`}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {list.pageInfo.hasNextPage && (
                <button type="button" className="secondary" onClick={() => setAfter(list.pageInfo.endCursor)}>
                  Next page
                </button>
              )}
            </>
          )
        }
      </QueryView>
    </>
  );
}
