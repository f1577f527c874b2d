import { Link, useParams } from 'react-router';
import { graphql, type ResultOf } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { date, dateTime, money, percent, plural, words } from '../../format';
import { useUser } from '../../session-context';
import { CloseYearForm } from './close-year-form';
import { VersionDiff } from './version-diff';

const AgreementQuery = graphql(`
  query PortalAgreement($id: ID!) {
    agreement(id: $id) {
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
      versions(first: 100) {
        edges {
          node {
            id
            versionNumber
            amendmentNumber
            amendmentEffectiveFrom
            status
            proposedBySide
            proposedByLabel
            createdAt
            executedAt
            terms {
              enrollmentStart
              enrollmentEnd
              supplementalCapPct
            }
          }
        }
      }
      participations(first: 100) {
        totalCount
        edges {
          node {
            id
            stateCode
            effectiveFrom
            effectiveTo
          }
        }
      }
    }
    contractYearCloses(agreementId: $id) {
      id
      contractYear
      eligibleEpisodes
      tierMinTreatments
      tierPct
      status
      inForce
      closedOn
      closedBy
      stateTotals {
        stateCode
        volume
        entries
      }
    }
  }
`);

export type AgreementData = ResultOf<typeof AgreementQuery>['agreement'];

/** One agreement: its facts, versions, a side-by-side diff of two versions, states, and contract years. */
export function AgreementPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const agreement = useQuery(AgreementQuery, { id });
  return (
    <>
      <p>
        <Link to="/agreements">All agreements</Link>
      </p>
      <QueryView state={agreement} what="the agreement">
        {({ agreement: a, contractYearCloses: closes }) => {
          const versions = a.versions.edges.map((e) => e.node);
          return (
            <>
              <h1>
                Agreement for {a.product.brandName} ({a.product.genericName})
              </h1>
              <dl className="facts">
                <dt>Manufacturer</dt>
                <dd>
                  {a.manufacturer.legalName ?? '—'} · labeler {a.manufacturer.labelerCodes.join(', ')}
                </dd>
                <dt>Status</dt>
                <dd>{words(a.status)}</dd>
                <dt>Executed</dt>
                <dd>{dateTime(a.executedAt)}</dd>
                <dt>Agreement id</dt>
                <dd>{a.id}</dd>
              </dl>

              <h2>Versions</h2>
              <div className="table-wrap">
                <table>
                  <caption>Versions of the term sheet, oldest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Status</th>
                      <th scope="col">Proposed by</th>
                      <th scope="col">Proposed</th>
                      <th scope="col">Executed</th>
                      <th scope="col">Enrollment window</th>
                      <th scope="col" className="num">
                        Supplemental cap
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {versions.map((v) => (
                      <tr key={v.id}>
                        <td>Version {v.versionNumber}</td>
                        <td>
                          {v.amendmentNumber === 0
                            ? 'Original terms'
                            : `Amendment ${v.amendmentNumber}, from ${date(v.amendmentEffectiveFrom)}`}
                        </td>
                        <td>{words(v.status)}</td>
                        <td>
                          {v.proposedByLabel} ({words(v.proposedBySide)})
                        </td>
                        <td>{dateTime(v.createdAt)}</td>
                        <td>{dateTime(v.executedAt)}</td>
                        <td>
                          {date(v.terms.enrollmentStart)} to {date(v.terms.enrollmentEnd)}
                        </td>
                        <td className="num">{percent(v.terms.supplementalCapPct)} of WAC</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>

              <h2>Compare two versions</h2>
              {versions.length < 2 ? (
                <Empty>There is one version only: nothing to compare yet.</Empty>
              ) : (
                <VersionDiff agreementId={a.id} versions={versions.map((v) => v.versionNumber)} />
              )}

              <h2>Participating states</h2>
              {a.participations.edges.length === 0 ? (
                <Empty>No state participates yet.</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption>{plural(a.participations.totalCount, 'participation record')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">State</th>
                        <th scope="col">From</th>
                        <th scope="col">Until</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.participations.edges.map(({ node: p }) => (
                        <tr key={p.id}>
                          <td>{p.stateCode}</td>
                          <td>{date(p.effectiveFrom)}</td>
                          <td>{p.effectiveTo ? date(p.effectiveTo) : 'Open'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}

              <h2>Contract years</h2>
              {closes.length === 0 ? (
                <Empty>No contract year has been closed.</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption>Contract year closes, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Year</th>
                        <th scope="col">Status</th>
                        <th scope="col">Closed on</th>
                        <th scope="col">Closed by</th>
                        <th scope="col" className="num">
                          Eligible episodes
                        </th>
                        <th scope="col">Volume tier</th>
                        <th scope="col">Volume rebates appended</th>
                      </tr>
                    </thead>
                    <tbody>
                      {closes.map((c) => (
                        <tr key={c.id}>
                          <td>{c.contractYear}</td>
                          <td>
                            {words(c.status)}
                            {c.inForce ? ' (in force)' : ''}
                          </td>
                          <td>{date(c.closedOn)}</td>
                          <td>{c.closedBy}</td>
                          <td className="num">{c.eligibleEpisodes}</td>
                          <td>
                            {c.tierMinTreatments === null
                              ? 'None reached'
                              : `From ${c.tierMinTreatments} treatments: ${percent(c.tierPct)} of WAC`}
                          </td>
                          <td>
                            {c.stateTotals.length === 0
                              ? 'None'
                              : c.stateTotals.map((t) => `${t.stateCode} ${money(t.volume)}`).join('; ')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {user.role === 'FEDERAL_COORDINATOR' && (
                <CloseYearForm
                  agreementId={a.id}
                  productName={a.product.brandName}
                  closable={a.status === 'EXECUTED' || a.status === 'EXPIRED'}
                  onDone={agreement.reload}
                />
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
