import { echarts } from './echarts-ssr.ts'

// The attribute ECharts' SVG writer prints for the tag below: ecmeta_ + the key, lower-cased.
export const ITEM_ATTR = 'ecmeta_fq_item'

type Tagged = Parameters<typeof echarts.zrender.getElementSSRData>[0]
type Tags = Map<Tagged, ReturnType<typeof echarts.zrender.getElementSSRData>>

/**
 * Marks every element that draws a data item (its bar, the bar's pattern overlay, its value label)
 * with `ecmeta_fq_item="<series>-<index>"`, so the SVG can be taken apart by data item rather than
 * by guessing from order or geometry.
 *
 * With `ssr: true` ECharts already prints ecmeta_series_index / ecmeta_data_index, but on the bar
 * only: the value label and the pattern overlay are separate elements with no marks. Their owners
 * are known from zrender's public element API (getTextContent, getDecalElement), so this swaps in
 * an SSR data getter that marks all three. The getter is global in zrender and ECharts installs its
 * own again on every init(); the render is synchronous, so no other chart renders in between.
 */
export function tagDataItems(chart: echarts.ECharts): void {
  const tags: Tags = new Map()
  for (const el of chart.getZr().storage.getDisplayList(true)) {
    const meta = echarts.zrender.getElementSSRData(el)
    // Legend entries carry indices too, with ssr_type 'legend': only the chart's own bars link.
    if (!meta || meta.get('ssr_type') !== 'chart') continue
    const item = `${meta.get('series_index')}-${meta.get('data_index')}`
    const tag = echarts.zrUtil.createHashMap<unknown, string>({ fq_item: item })
    tags.set(el, tag)
    const decal = 'getDecalElement' in el && typeof el.getDecalElement === 'function' ? (el.getDecalElement() as Tagged | null) : null
    if (decal) tags.set(decal, tag)
    // A label is drawn as one SVG <text> per line (its TSpan children).
    for (const line of el.getTextContent()?.childrenRef() ?? []) tags.set(line, tag)
  }
  echarts.zrender.registerSSRDataGetter((el) => tags.get(el) as ReturnType<typeof echarts.zrender.getElementSSRData>)
}
