import { fileURLToPath } from 'node:url'
import { Eta } from 'eta'
import { describe, expect, test } from 'vitest'
import { renderChart, type ChartSpec, type RenderedChart } from '../../src/charts/chart-svg.ts'
import { translator } from '../../src/i18n/i18n.ts'

// Server-drawn charts: links on every bar, escaping, the table under the chart, formats. No database.

const towns = ['桂城街道', '狮山镇', '大沥镇']
const oneSeries = (kind: ChartSpec['kind']): ChartSpec => ({
  id: 'by-town', title: '各镇街收案', description: '收案共 42 件，最多的是桂城街道。', categories: towns, kind,
  series: [{ name: '收案', points: [{ value: 20, href: '/cases?town=1' }, { value: 12, href: '/cases?town=2' }, { value: 10, href: '/cases?town=3' }] }],
})
const twoSeries = (kind: ChartSpec['kind']): ChartSpec => ({
  ...oneSeries(kind),
  series: [
    oneSeries(kind).series[0]!,
    { name: '结案', points: [{ value: 7, href: '/cases?town=1&closed=1' }, { value: 0, href: '/cases?town=2&closed=1' }, { value: 3, href: '/cases?town=3&closed=1' }] },
  ],
})

type Link = { href: string; item: string; name: string | null; hidden: boolean; count: string | null }
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? unescape(m[1]!) : null
}
function linksOf(svg: string): Link[] {
  return [...svg.matchAll(/<a\b([^>]*)>(<title>([^<]*)<\/title>)?/g)].map((m) => ({
    href: attr(m[1]!, 'href')!,
    item: attr(m[1]!, 'data-item')!,
    name: m[3] === undefined ? null : unescape(m[3]),
    hidden: attr(m[1]!, 'aria-hidden') === 'true',
    count: attr(m[1]!, 'data-count'),
  }))
}
/** The links a keyboard and a screen reader reach: one per data item, in series order. */
const barLinks = (r: RenderedChart) => linksOf(r.svg).filter((l) => !l.hidden)
const expectedHrefs = (spec: ChartSpec) => spec.series.flatMap((s) => s.points.map((p) => p.href).filter((h): h is string => h !== null))

/** Nothing in the SVG can run or leave the site, whatever text went in. */
function expectInert(svg: string) {
  expect(svg).not.toMatch(/<script/i)
  expect(svg).not.toMatch(/<(foreignObject|iframe|object|embed|image|use)\b/i)
  // Inside a tag, that is: the text may well read "onerror=", escaped, as a category typed so.
  expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
  for (const m of svg.matchAll(/\s(?:xlink:)?href\s*=\s*"([^"]*)"/gi)) expect(m[1]).toMatch(/^\/(?![/\\])/)
  expect(svg).not.toMatch(/=\s*"\s*javascript:/i)
  // Every element is one we know: ECharts' drawing, our links, title and description.
  const tags = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]))
  expect([...tags].filter((t) => !['svg', 'title', 'desc', 'rect', 'path', 'text', 'a', 'defs', 'pattern', 'g'].includes(t!))).toEqual([])
}

const eta = new Eta({ views: fileURLToPath(new URL('../../views', import.meta.url)), autoEscape: true })
const partial = (chart: RenderedChart, locale: 'zh-CN' | 'en' = 'zh-CN') => eta.render('/shared/_chart', { chart, t: translator(locale) })

describe('links on the bars', () => {
  test.each(['bar', 'hbar'] as const)('%s, one series: every bar links to its own cases, in order, named by category, series and value', (kind) => {
    const spec = oneSeries(kind)
    const r = renderChart(spec, 'zh-CN')
    expect(barLinks(r)).toEqual([
      { href: '/cases?town=1', item: '0-0', name: '桂城街道，收案：20', hidden: false, count: null },
      { href: '/cases?town=2', item: '0-1', name: '狮山镇，收案：12', hidden: false, count: null },
      { href: '/cases?town=3', item: '0-2', name: '大沥镇，收案：10', hidden: false, count: null },
    ])
    // The value printed by each bar is a link too, for the mouse, hidden from keyboard and screen reader.
    const labels = linksOf(r.svg).filter((l) => l.hidden)
    expect(labels.map((l) => l.href)).toEqual(expectedHrefs(spec))
    expect(r.svg).toMatch(/<a [^>]*aria-hidden="true"[^>]*tabindex="-1"|<a [^>]*tabindex="-1"[^>]*aria-hidden="true"/)
    for (const v of ['20', '12', '10']) expect(r.svg).toMatch(new RegExp(`<text[^>]*>${v}</text></a>`))
  })

  test.each(['bar', 'hbar'] as const)('%s, two series: the second series links too, after the first', (kind) => {
    const spec = twoSeries(kind)
    const r = renderChart(spec, 'zh-CN')
    const links = barLinks(r)
    expect(links.map((l) => l.href)).toEqual(expectedHrefs(spec))
    expect(links.map((l) => l.item)).toEqual(['0-0', '0-1', '0-2', '1-0', '1-1', '1-2'])
    expect(links[4]!.name).toBe('狮山镇，结案：0') // a zero bar still has its link
    // A legend names the series; the second series' pattern has an id of this chart's own.
    expect(r.svg).toContain('>结案</text>')
    expect(r.svg).toMatch(/<pattern[^>]* id="by-town-p\d+"/)
    expect(r.svg).toMatch(/fill="url\(#by-town-p\d+\)"/)
    expect(r.svg).not.toMatch(/zr\d+-/)
  })

  test('a bar with no link (null href) is drawn but not linked; the others keep theirs', () => {
    const spec = twoSeries('bar')
    spec.series[1]!.points[0]!.href = null
    const r = renderChart(spec, 'zh-CN')
    expect(barLinks(r).map((l) => l.item)).toEqual(['0-0', '0-1', '0-2', '1-1', '1-2'])
    expect(linksOf(r.svg).some((l) => l.item === '1-0')).toBe(false)
    expect(r.svg.match(/fill="#aeb6bf"/g)).toHaveLength(4) // all three bars of the second series, and its legend swatch
  })

  test('a count given with a point is printed on its links (the dashboard compares it with the list)', () => {
    const spec = oneSeries('bar')
    spec.series[0]!.points = spec.series[0]!.points.map((p) => ({ ...p, count: p.value }))
    const r = renderChart(spec, 'zh-CN')
    expect(linksOf(r.svg).map((l) => l.count)).toEqual(['20', '12', '10', '20', '12', '10'])
    expect([...partial(r).matchAll(/<td class="num"><a [^>]*data-count="(\d+)"/g)].map((m) => m[1])).toEqual(['20', '12', '10'])
  })

  test.each([
    'javascript:alert(1)', 'JavaScript:alert(1)', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'cases?town=1', ' /cases', '/cases\nx',
  ])('a link that is not a same-origin path is refused: %j', (href) => {
    const spec = oneSeries('bar')
    spec.series[0]!.points[1]!.href = href
    expect(() => renderChart(spec, 'zh-CN')).toThrow(/same-origin path/)
  })

  test('a link is escaped for XML', () => {
    const spec = oneSeries('bar')
    spec.series[0]!.points[0]!.href = '/cases?q="><script>x</script>&town=1'
    const r = renderChart(spec, 'zh-CN')
    expect(r.svg).toContain('href="/cases?q=&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;town=1"')
    expect(barLinks(r)[0]!.href).toBe('/cases?q="><script>x</script>&town=1')
    expectInert(r.svg)
  })
})

describe('escaping', () => {
  const hostile = ['<script>alert(1)</script>', '"><a href=javascript:alert(1)>x</a>', "' onmouseover='alert(1)", 'A&B <img src=x onerror=alert(1)>']
  const spec = (kind: ChartSpec['kind']): ChartSpec => ({
    id: 'hostile', title: '<b>标题</b> & "引号"', description: '<script>alert("desc")</script>', categories: hostile, kind,
    series: [
      { name: '<i onclick="alert(1)">收案</i>', points: hostile.map((_, i) => ({ value: i + 1, href: `/cases?industry=${i}` })) },
      { name: 'javascript:alert(2)', points: hostile.map((_, i) => ({ value: i, href: `/cases?industry=${i}&closed=1` })) },
    ],
  })

  test.each(['bar', 'hbar'] as const)('%s: categories, series names, title and description come out as text, never as markup', (kind) => {
    const r = renderChart(spec(kind), 'zh-CN')
    expectInert(r.svg)
    expect(barLinks(r)).toHaveLength(8)
    expect(r.svg.match(/<a\b/g)).toHaveLength(16) // our links and nothing else
    expect(r.svg).toContain('<title id="hostile-title">&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;</title>')
    expect(r.svg).toContain('<desc id="hostile-desc">&lt;script&gt;alert(&quot;desc&quot;)&lt;/script&gt;</desc>')
    expect(barLinks(r)[0]!.name).toBe('<script>alert(1)</script>，<i onclick="alert(1)">收案</i>：1')
    expect(r.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;') // the axis shows the name as typed
  })

  test('the partial prints them escaped in the caption and the table', () => {
    const html = partial(renderChart(spec('bar'), 'zh-CN'))
    const outsideSvg = html.replace(/<svg[\s\S]*<\/svg>/, '')
    expect(outsideSvg).not.toMatch(/<script|<img|<b>|<i |<[^>]*\son[a-z]+=/i)
    expect(outsideSvg).toContain('<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th>')
    expect(outsideSvg).toContain('&lt;b&gt;标题&lt;/b&gt;')
    expect(html.match(/<svg\b/g)).toHaveLength(1)
  })
})

describe('the SVG for the page', () => {
  test('is an image named by its title and described by its description, sized by a viewBox, with no inline styles', () => {
    const r = renderChart(twoSeries('bar'), 'zh-CN')
    const root = /^<svg\b[^>]*>/.exec(r.svg)![0]
    expect(root).toContain('role="img"')
    expect(root).toContain('aria-labelledby="by-town-title"')
    expect(root).toContain('aria-describedby="by-town-desc"')
    expect(root).toMatch(/viewBox="0 0 560 \d+"/)
    expect(r.svg).toContain('<title id="by-town-title">各镇街收案</title><desc id="by-town-desc">收案共 42 件，最多的是桂城街道。</desc>')
    // The app's CSP allows no inline styles: text sizes travel as attributes instead.
    expect(r.svg).not.toMatch(/\sstyle=|<style/)
    expect(r.svg).toMatch(/<text[^>]* font-size="12px"/)
    expect(r.svg).not.toContain('ecmeta_')
  })

  test('the first series is union red; the others are greys with a pattern', () => {
    const r = renderChart({ ...twoSeries('hbar'), series: [...twoSeries('hbar').series, { name: '已付', points: towns.map(() => ({ value: 1, href: '/cases' })) }] }, 'zh-CN')
    expect(r.svg.match(/fill="#c8102e"/g)!.length).toBeGreaterThanOrEqual(3)
    expect(r.svg.match(/<pattern\b/g)).toHaveLength(2)
    expect(barLinks(r)).toHaveLength(9)
  })

  test('zero values everywhere draw a chart with zeros, not an error', () => {
    const spec = twoSeries('bar')
    for (const s of spec.series) s.points = s.points.map((p) => ({ ...p, value: 0 }))
    const r = renderChart(spec, 'zh-CN')
    expect(r.empty).toBe(false)
    expect(barLinks(r)).toHaveLength(6)
    expect(r.table.rows.flatMap((row) => row.cells.map((c) => c.text))).toEqual(['0', '0', '0', '0', '0', '0'])
  })

  test.each(['bar', 'hbar'] as const)('%s with no categories: no drawing, the partial says there is no data', (kind) => {
    const r = renderChart({ ...oneSeries(kind), categories: [], series: [{ name: '收案', points: [] }] }, 'zh-CN')
    expect(r).toMatchObject({ empty: true, svg: '' })
    const html = partial(r)
    expect(html).toContain(translator('zh-CN')('chart.noData'))
    expect(html).toContain('各镇街收案')
    expect(html).not.toMatch(/<svg|<table/)
    expect(partial(r, 'en')).toContain('No data to chart.')
  })

  test.each([
    ['an id that is not [a-z0-9-]', { id: 'By Town"' }],
    ['a series short of points', { series: [{ name: 'x', points: [{ value: 1, href: null }] }] }],
    ['four series', { series: Array.from({ length: 4 }, () => oneSeries('bar').series[0]!) }],
    ['a value that is not a number', { series: [{ name: 'x', points: towns.map(() => ({ value: Number.NaN, href: null })) }] }],
  ])('a malformed spec is refused: %s', (_why, change) => {
    expect(() => renderChart({ ...oneSeries('bar'), ...change } as ChartSpec, 'zh-CN')).toThrow()
  })
})

describe('the data table under the chart', () => {
  test('holds the same numbers and links as the bars, category by series', () => {
    const spec = twoSeries('bar')
    const r = renderChart({ ...spec, categoryLabel: '镇街' }, 'zh-CN')
    expect(r.table.columns).toEqual(['镇街', '收案', '结案'])
    const html = partial(r)
    const rows = [...html.matchAll(/<tr>\s*<th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({
      category: m[1],
      cells: [...m[2]!.matchAll(/<td class="num"><a href="([^"]*)"[^>]*>([^<]*)<\/a><\/td>/g)].map((c) => ({ href: unescape(c[1]!), text: c[2] })),
    }))
    expect(rows.map((row) => row.category)).toEqual(towns)
    const bars = barLinks(r)
    for (const [i, row] of rows.entries()) {
      for (const [s, cell] of row.cells.entries()) {
        const bar = bars.find((b) => b.item === `${s}-${i}`)!
        expect(cell.href).toBe(bar.href)
        expect(bar.name).toBe(`${towns[i]}，${spec.series[s]!.name}：${cell.text}`)
        expect(cell.text).toBe(String(spec.series[s]!.points[i]!.value))
      }
    }
    expect(html).toContain('<caption>各镇街收案（数据表）</caption>')
    expect(html).toMatch(/<thead><tr><th scope="col">镇街<\/th><th scope="col" class="num">收案<\/th><th scope="col" class="num">结案<\/th><\/tr><\/thead>/)
    expect(html).toMatch(/<figure class="chart" id="by-town">\s*<figcaption class="chart-caption">各镇街收案<\/figcaption>/)
  })

  test('a cell with no link is plain text', () => {
    const spec = oneSeries('hbar')
    spec.series[0]!.points[2]!.href = null
    const html = partial(renderChart(spec, 'zh-CN'))
    expect(html).toMatch(/<th scope="row">大沥镇<\/th>\s*<td class="num">10<\/td>/)
  })
})

describe('formats and language', () => {
  const withValues = (format: ChartSpec['format'], values: number[]): ChartSpec => ({
    ...oneSeries('bar'), format, series: [{ name: '金额', points: values.map((value, i) => ({ value, href: `/cases?town=${i + 1}` })) }],
  })
  const texts = (r: RenderedChart) => r.table.rows.map((row) => row.cells[0]!.text)
  const labels = (r: RenderedChart) => [...r.svg.matchAll(/<a [^>]*aria-hidden="true"[^>]*><text[^>]*>([^<]*)<\/text><\/a>/g)].map((m) => unescape(m[1]!))

  test('percent: value 0..100, one decimal at most, on the bars and in the table; the axis stops at 100%', () => {
    const r = renderChart(withValues('percent', [85.66, 100, 0]), 'zh-CN')
    expect(texts(r)).toEqual(['85.7%', '100%', '0%'])
    expect(labels(r)).toEqual(['85.7%', '100%', '0%'])
    expect(r.svg).toContain('>100%</text>')
    expect(r.svg).not.toContain('>120%</text>')
    expect(barLinks(r)[0]!.name).toBe('桂城街道，金额：85.7%')
  })

  test('yuan: the table gives the amount to the fen; bars round large amounts in the reader\'s units', () => {
    const zh = renderChart(withValues('yuan', [1234567.8, 5000.5, 0]), 'zh-CN')
    expect(texts(zh)).toEqual(['¥1,234,567.80', '¥5,000.50', '¥0.00'])
    expect(labels(zh)).toEqual(['¥123万', '¥5,001', '¥0'])
    expect(barLinks(zh)[0]!.name).toBe('桂城街道，金额：¥1,234,567.80')
    const en = renderChart(withValues('yuan', [1234567.8, 5000.5, 0]), 'en')
    expect(labels(en)).toEqual(['¥1.23M', '¥5,001', '¥0'])
  })

  test('count: grouped thousands; the value axis has whole steps', () => {
    const r = renderChart(withValues('count', [12345, 1, 0]), 'zh-CN')
    expect(texts(r)).toEqual(['12,345', '1', '0'])
    expect(labels(r)).toEqual(['12,345', '1', '0'])
    const small = renderChart(withValues('count', [1, 2, 0]), 'zh-CN')
    expect(small.svg).not.toMatch(/>0\.5<\/text>/)
  })

  test('English: names and the generic column heading in English', () => {
    const r = renderChart({ ...oneSeries('hbar'), categories: ['Guicheng', 'Shishan', 'Dali'], series: [{ name: 'Received', points: oneSeries('hbar').series[0]!.points }] }, 'en')
    expect(barLinks(r)[0]!.name).toBe('Guicheng, Received: 20')
    expect(r.table.columns).toEqual(['Category', 'Received'])
    expect(r.table.caption).toBe('各镇街收案 (data table)')
  })
})

describe('drawing once', () => {
  test('the same spec gives the same SVG again; any change in values, links or language draws anew', () => {
    const spec = twoSeries('bar')
    const first = renderChart(spec, 'zh-CN').svg
    expect(renderChart(structuredClone(spec), 'zh-CN').svg).toBe(first)
    const changed = structuredClone(spec)
    changed.series[0]!.points[1]!.value = 13
    expect(renderChart(changed, 'zh-CN').svg).toContain('>13<')
    const relinked = structuredClone(spec)
    relinked.series[1]!.points[0]!.href = '/cases?town=9'
    expect(renderChart(relinked, 'zh-CN').svg).toContain('href="/cases?town=9"')
    expect(renderChart(spec, 'en').svg).not.toBe(first)
  })
})
