import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

// Only what our charts draw: bars on a grid with a legend, to SVG. The full 'echarts' entry loads
// every chart type and takes about three times as long to import.
echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer])

export { echarts }
