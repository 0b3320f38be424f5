// Charts load on demand so the log pages never wait for the charting library.
import { lazy, Suspense } from 'react';
import type { EChartProps } from './echart.tsx';
import { Loading } from '../ui/states.tsx';

const EChart = lazy(() => import('./echart.tsx'));

export function Chart(props: EChartProps) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 260 }}><Loading label="Loading chart…" /></div>}>
      <EChart {...props} />
    </Suspense>
  );
}
