import { useState } from 'react';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { words } from '../../format';

const CompareQuery = graphql(`
  query PortalCompareAgreementVersions($agreementId: ID!, $from: Int!, $to: Int!) {
    compareAgreementVersions(agreementId: $agreementId, fromVersion: $from, toVersion: $to) {
      fromVersion
      toVersion
      differences {
        path
        change
        before
        after
      }
    }
  }
`);

/**
 * Two versions side by side: every term that differs (the API's `compareAgreementVersions`), with
 * the earlier version's value on the left and the later one's on the right. Defaults to the last two.
 */
export function VersionDiff({ agreementId, versions }: { agreementId: string; versions: number[] }) {
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const same = from === to;
  const comparison = useQuery(CompareQuery, { agreementId, from, to }, same);
  return (
    <section aria-labelledby="diff-heading">
      <h3 id="diff-heading">
        Version {from} and version {to}, side by side
      </h3>
      <div className="filters">
        <VersionSelect id="diff-from" label="Left version" versions={versions} value={from} onChange={setFrom} />
        <VersionSelect id="diff-to" label="Right version" versions={versions} value={to} onChange={setTo} />
      </div>
      {same ? (
        <Empty>Choose two different versions.</Empty>
      ) : (
        <QueryView state={comparison} what="the differences">
          {({ compareAgreementVersions: c }) =>
            c.differences.length === 0 ? (
              <Empty>
                Version {c.fromVersion} and version {c.toVersion} have the same terms.
              </Empty>
            ) : (
              <div className="table-wrap">
                <table className="diff">
                  <caption>
                    {c.differences.length} difference{c.differences.length === 1 ? '' : 's'} between version{' '}
                    {c.fromVersion} and version {c.toVersion}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Term</th>
                      <th scope="col">Version {c.fromVersion}</th>
                      <th scope="col">Version {c.toVersion}</th>
                      <th scope="col">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.differences.map((d) => (
                      <tr key={d.path} className={`diff-${d.change.toLowerCase()}`}>
                        <th scope="row">
                          <code>{d.path}</code>
                        </th>
                        <td className="diff-before">{d.before ?? '(none)'}</td>
                        <td className="diff-after">{d.after ?? '(none)'}</td>
                        <td>{words(d.change)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
      )}
    </section>
  );
}

function VersionSelect(props: {
  id: string;
  label: string;
  versions: number[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.versions.map((v) => (
          <option key={v} value={v}>
            Version {v}
          </option>
        ))}
      </select>
    </div>
  );
}
