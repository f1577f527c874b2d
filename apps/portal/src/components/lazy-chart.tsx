import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from './states';

const BarChartCard = lazy(() => import('./charts'));

/** A chart, its code fetched on first use. */
export function Chart(props: ComponentProps<typeof BarChartCard>) {
  return (
    <Suspense fallback={<Loading what="the chart" />}>
      <BarChartCard {...props} />
    </Suspense>
  );
}
