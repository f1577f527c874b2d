import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { date, money, plural, words } from '../../format';
import { useUser } from '../../session-context';

const EpisodesQuery = graphql(`
  query PortalEpisodes($filter: EpisodeFilterInput, $after: String) {
    episodes(first: 50, filter: $filter, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          episodeRef
          stateCode
          administrationDate
          ndc11
          status
          ineligibleLabel
          benchmarks {
            code
            label
            statusLabel
            status
            windowEnd
            event {
              eventMonth
              evidenceCategory
              amount
            }
          }
        }
      }
    }
  }
`);

/** The state's treatment episodes with each benchmark's status and the evidence that decided it. */
export function EpisodesPage() {
  const user = useUser();
  const [status, setStatus] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const episodes = useQuery(EpisodesQuery, {
    filter: {
      stateCode: user.stateCode,
      status: (status || null) as 'ELIGIBLE' | 'INELIGIBLE' | 'VOIDED' | null,
    },
    after,
  });
  return (
    <>
      <h1>Episodes{user.stateCode ? ` of ${user.stateCode}` : ''}</h1>
      <div className="filters">
        <div>
          <label htmlFor="episode-status">Status</label>
          <select
            id="episode-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setAfter(null);
            }}
          >
            <option value="">All</option>
            <option value="ELIGIBLE">Eligible</option>
            <option value="INELIGIBLE">Ineligible</option>
            <option value="VOIDED">Voided</option>
          </select>
        </div>
      </div>
      <QueryView state={episodes} what="episodes">
        {({ episodes: list }) =>
          list.edges.length === 0 ? (
            <Empty>
              No episodes yet: they appear when a claim file with a gene-therapy administration is processed.
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{plural(list.totalCount, 'episode')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Episode</th>
                      <th scope="col">Administered</th>
                      <th scope="col">Status</th>
                      <th scope="col">Benchmarks and evidence</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.edges.map(({ node: e }) => (
                      <tr key={e.id}>
                        <td>
                          <Link to={`/episodes/${encodeURIComponent(e.episodeRef)}`} className="mono">
                            {e.episodeRef}
                          </Link>
                        </td>
                        <td>{date(e.administrationDate)}</td>
                        <td>
                          {words(e.status)}
                          {e.ineligibleLabel ? `: ${e.ineligibleLabel}` : ''}
                        </td>
                        <td>
                          {e.benchmarks.length === 0
                            ? '—'
                            : e.benchmarks.map((b) => (
                                <div key={b.code}>
                                  {b.label}: <strong>{b.statusLabel}</strong>
                                  {b.event
                                    ? ` (${words(b.event.evidenceCategory)}, ${b.event.eventMonth}, ${money(b.event.amount)})`
                                    : ` (window ends ${date(b.windowEnd)})`}
                                </div>
                              ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {list.pageInfo.hasNextPage && (
                <div className="actions">
                  <button type="button" className="secondary" onClick={() => setAfter(list.pageInfo.endCursor)}>
                    More episodes
                  </button>
                </div>
              )}
            </>
          )
        }
      </QueryView>
    </>
  );
}
