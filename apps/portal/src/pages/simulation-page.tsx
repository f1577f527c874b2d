import { useEffect } from 'react';
import { useParams } from 'react-router';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { graphql, type ResultOf } from '../api/graphql';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/states';
import { money, words } from '../format';

/** What the page shows of a run's result, and of the version it is compared with. */
const SimulationResultFields = graphql(`
  fragment SimulationResultFields on SimulationResult {
    total {
      netPricePerPatient {
        mean
        p5
        p95
      }
      net {
        mean
        p5
        p50
        p95
      }
      rebates {
        mean
      }
      capBindsPatientShare
    }
    states {
      stateCode
      net {
        mean
      }
      rebates {
        mean
      }
    }
    yearly {
      year
      stateCode
      net {
        p5
        p50
        p95
      }
    }
  }
`);

const SimulationQuery = graphql(
  `
    query PortalSimulation($id: ID!) {
      termSheetSimulation(id: $id) {
        id
        kind
        status
        label
        seed
        trials
        startYear
        horizonYears
        failureReason
        versionNumber
        compareVersionNumber
        assumptions {
          stateCode
          treated {
            distribution
            perYear
            source
            note
          }
        }
        result {
          ...SimulationResultFields
        }
        compareResult {
          ...SimulationResultFields
        }
        differences {
          stateCode
          netSpendA
          netSpendB
          netSpendDifference
          netPricePerPatientA
          netPricePerPatientB
          netPricePerPatientDifference
        }
        sensitivity {
          assumption
          lowLabel
          highLabel
          differenceLow
          differenceHigh
          swing
        }
      }
    }
  `,
  [SimulationResultFields],
);

type Simulation = NonNullable<ResultOf<typeof SimulationQuery>['termSheetSimulation']>;
type Result = NonNullable<Simulation['result']>;

/** Dollars for the charts only (display; the tables keep the exact decimal strings). */
const dollars = (amount: string | null | undefined): number => (amount ? Number(amount) : 0);
const millions = (value: number) => `$${(value / 1_000_000).toFixed(1)}M`;

/** Net spend per calendar year, all states: P5-P95 band and the median (a fan chart). */
function FanChart({ result, title }: { result: Result; title: string }) {
  const data = result.yearly
    .filter((y) => y.stateCode === null)
    .map((y) => ({
      year: String(y.year),
      p5: dollars(y.net.p5),
      band: dollars(y.net.p95) - dollars(y.net.p5),
      p50: dollars(y.net.p50),
    }));
  return (
    <figure aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" />
          <YAxis tickFormatter={millions} width={80} />
          <Tooltip formatter={(v) => millions(Number(v))} />
          <Legend />
          <Area
            isAnimationActive={false}
            dataKey="p5"
            stackId="fan"
            stroke="none"
            fill="transparent"
            name="P5"
            legendType="none"
          />
          <Area isAnimationActive={false} dataKey="band" stackId="fan" stroke="none" fill="#9ecae1" name="P5 to P95" />
          <Line isAnimationActive={false} dataKey="p50" stroke="#08519c" strokeWidth={2} name="Median" dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Mean net spend per state over the run (the comparison puts A and B side by side). */
function StateBars({ a, b }: { a: Result; b: Result | null }) {
  const data = a.states.map((s, i) => ({
    state: s.stateCode ?? '',
    a: dollars(s.net.mean),
    b: b ? dollars(b.states[i]?.net.mean) : undefined,
  }));
  return (
    <figure aria-label="Mean net spend per state">
      <figcaption>Mean net spend per state{b ? ': A and B' : ''}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="state" />
          <YAxis tickFormatter={millions} width={80} />
          <Tooltip formatter={(v) => millions(Number(v))} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="a" fill="#3182bd" name={b ? 'A' : 'Net spend'} />
          {b && <Bar isAnimationActive={false} dataKey="b" fill="#e6550d" name="B" />}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Summary({ result, name }: { result: Result; name: string }) {
  const t = result.total;
  return (
    <dl className="summary">
      <dt>{name}: net price per treated patient</dt>
      <dd>
        {money(t.netPricePerPatient?.mean)} (P5 {money(t.netPricePerPatient?.p5)}, P95{' '}
        {money(t.netPricePerPatient?.p95)})
      </dd>
      <dt>{name}: net spend, all states</dt>
      <dd>
        {money(t.net.mean)} (P5 {money(t.net.p5)}, P95 {money(t.net.p95)})
      </dd>
      <dt>{name}: rebates</dt>
      <dd>{money(t.rebates.mean)}</dd>
      <dt>{name}: patients whose rebates the cap cuts</dt>
      <dd>{(t.capBindsPatientShare * 100).toFixed(1)} %</dd>
    </dl>
  );
}

function SimulationView({ simulation, reload }: { simulation: Simulation; reload: () => void }) {
  const running = simulation.status === 'QUEUED' || simulation.status === 'RUNNING';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [running, reload, simulation]);
  const a = simulation.result;
  const b = simulation.compareResult;
  return (
    <>
      <h1>{simulation.label ?? `Simulation of version ${simulation.versionNumber ?? '(unsaved terms)'}`}</h1>
      <p>
        {words(simulation.status)} · {simulation.trials.toLocaleString('en-US')} trials · {simulation.horizonYears}{' '}
        years from {simulation.startYear} · seed {simulation.seed}
        {simulation.status === 'COMPLETED' && (
          <>
            {' '}
            · <a href={`/v1/simulations/${simulation.id}.csv`}>Download CSV</a>
          </>
        )}
      </p>
      {simulation.failureReason && <p role="alert">{simulation.failureReason}</p>}
      {running && <p role="status">The simulation is running…</p>}
      {a && (
        <>
          <Summary result={a} name={b ? 'A' : 'Total'} />
          {b && <Summary result={b} name="B" />}
          <FanChart result={a} title={b ? 'Net spend per year, A (all states)' : 'Net spend per year (all states)'} />
          {b && <FanChart result={b} title="Net spend per year, B (all states)" />}
          <StateBars a={a} b={b} />
        </>
      )}
      {simulation.differences && (
        <table>
          <caption>Comparison: B minus A</caption>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Net price per patient, A</th>
              <th scope="col">Net price per patient, B</th>
              <th scope="col">Difference per patient</th>
              <th scope="col">Net spend difference</th>
            </tr>
          </thead>
          <tbody>
            {simulation.differences.map((d) => (
              <tr key={d.stateCode ?? 'ALL'}>
                <th scope="row">{d.stateCode ?? 'All states'}</th>
                <td>{money(d.netPricePerPatientA)}</td>
                <td>{money(d.netPricePerPatientB)}</td>
                <td>{money(d.netPricePerPatientDifference)}</td>
                <td>{money(d.netSpendDifference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {simulation.sensitivity && (
        <table>
          <caption>What drives the difference (one assumption at a time)</caption>
          <thead>
            <tr>
              <th scope="col">Assumption</th>
              <th scope="col">Difference per patient, low</th>
              <th scope="col">Difference per patient, high</th>
              <th scope="col">Swing</th>
            </tr>
          </thead>
          <tbody>
            {simulation.sensitivity.map((s) => (
              <tr key={s.assumption}>
                <th scope="row">{s.assumption}</th>
                <td>
                  {money(s.differenceLow)} ({s.lowLabel})
                </td>
                <td>
                  {money(s.differenceHigh)} ({s.highLabel})
                </td>
                <td>{money(s.swing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table>
        <caption>Assumptions per state</caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Treated per year</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {simulation.assumptions.map((s) => (
            <tr key={s.stateCode}>
              <th scope="row">{s.stateCode}</th>
              <td>
                {s.treated.perYear} ({words(s.treated.distribution)})
              </td>
              <td>
                {words(s.treated.source)}: {s.treated.note}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One simulation: the fan chart of net spend, per-state bars and, for a comparison, A and B side by side. */
export function SimulationPage() {
  const { id = '' } = useParams();
  const run = useQuery(SimulationQuery, { id });
  return (
    <QueryView state={run} what="the simulation">
      {({ termSheetSimulation }) => <SimulationView simulation={termSheetSimulation} reload={run.reload} />}
    </QueryView>
  );
}

export default SimulationPage;
