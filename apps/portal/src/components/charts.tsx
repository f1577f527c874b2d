import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { money } from '../format';

/**
 * Charts (Recharts), loaded lazily so pages without charts stay small. Every chart has a title
 * and sits next to a table with the same figures (the accessible reading of it). Amounts are
 * plotted as numbers; every figure shown in words comes from the exact strings.
 */
const PALETTE = ['#0b5cad', '#c05600', '#1e6b34', '#7b2d8e', '#a4161a', '#4a5563', '#b08900', '#00707a'];

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `$${(value / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `$${(value / 1e3).toFixed(0)}k`;
  return `$${value}`;
}

export interface SeriesRow {
  name: string;
  [series: string]: string | number;
}

/** Bars per category; several series stack. `money` formats the axis and tooltips as dollars. */
export default function BarChartCard({
  title,
  rows,
  series,
  kind = 'money',
}: {
  title: string;
  rows: SeriesRow[];
  series: string[];
  kind?: 'money' | 'count';
}) {
  // Labels that would not fit side by side on a card (about 250 px of plot at 12 px type, some
  // 7.5 px a character) are slanted instead of overlapping.
  const longest = Math.max(0, ...rows.map((r) => r.name.length));
  const slanted = rows.length * (longest * 7.5 + 12) > 250;
  const format = (value: unknown) =>
    kind === 'money' ? money(typeof value === 'number' ? value.toFixed(2) : String(value)) : String(value);
  return (
    <figure className="card chart-card" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="chart" data-testid="chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="name"
              interval={0}
              angle={slanted ? -40 : 0}
              textAnchor={slanted ? 'end' : 'middle'}
              height={slanted ? Math.min(110, Math.round(longest * 5.2 + 16)) : 30}
              tick={{ fontSize: 12 }}
            />
            <YAxis tickFormatter={(v: number) => (kind === 'money' ? compact(v) : String(v))} width={70} />
            <Tooltip formatter={(value) => format(value)} />
            {series.length > 1 && <Legend />}
            {series.map((s, i) => (
              <Bar key={s} dataKey={s} stackId="a" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
