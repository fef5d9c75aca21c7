// The parts of echarts the dashboard draws with (bar charts on a canvas), registered once.
// Imported only with a dynamic import() from BarChart.svelte, so echarts is a chunk of its own
// that the dashboard loads and the app shell never does.
import { use, init, type EChartsType } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init, type EChartsType };
