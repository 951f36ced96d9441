import * as echarts from 'echarts'
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 })
chart.setOption({ animation: false, title: { text: '按镇街' }, aria: { enabled: true, label: { description: '描述' } }, xAxis: { type: 'category', data: ['桂城','狮山'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [12, 7], label: { show: true, position: 'top' } }] })
console.log(chart.renderToSVGString())
