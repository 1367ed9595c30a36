// The statistics chart, in a chunk of its own (loaded lazily beside the tables): ECharts' core
// with only the bar and line charts, the components they use and the SVG renderer, which prints
// sharply and is read as an image with a description (the tables carry the same figures).
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartSeries, type Row } from './figures';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface ChartLabels {
  pledged: string;
  done: string;
  rate: string;
  description: string;
}

export default function FiguresChart({ rows, labels }: { rows: Row[]; labels: ChartLabels }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType>(undefined);

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    const series = chartSeries(rows);
    chart.current?.setOption(
      {
        animation: false,
        aria: { enabled: true, label: { description: labels.description } },
        color: ['#d9a3a3', '#a61b1b', '#1f5f8b'],
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 64 },
        xAxis: { type: 'category', data: series.categories, axisLabel: { interval: 0, rotate: series.categories.length > 4 ? 30 : 0 } },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        ],
        series: [
          { name: labels.pledged, type: 'bar', data: series.pledged, barMaxWidth: 48 },
          { name: labels.done, type: 'bar', data: series.done, barMaxWidth: 48 },
          { name: labels.rate, type: 'line', yAxisIndex: 1, data: series.rate, connectNulls: true },
        ],
      },
      true,
    );
  }, [rows, labels]);

  return <div ref={element} className="figures-chart" style={{ width: '100%', height: 320 }} />;
}
