import { ECHARTS_FONT } from './chart-option.ts'
import { ITEM_ATTR } from './item-tags.ts'

// Turns ECharts' SSR output into the SVG a page prints: each data item inside a link, a title and a
// description for screen readers, ids that cannot clash between charts, no <style> element.

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)

export type ItemLink = { href: string; name: string; count?: number }

/** Same origin and a path: '/cases?…'. Not '//host' or '/\host', which browsers read as another origin. */
export const isSamePath = (href: string) => /^\/(?![/\\])[^\s\u0000-\u001f\u007f]*$/.test(href)

// ECharts writes leaf elements as <path …></path> and <text …>…</text>, one per displayable.
const LEAF = /<(path|text)\b([^>]*)>([^<]*)<\/\1>/g
const TAG = new RegExp(`\\s${ITEM_ATTR}="(\\d+-\\d+)"`)

type Run = { item: string; body: string }

/**
 * Wraps each data item's elements in `<a href>`. The first run of an item's elements (its bar, with
 * its pattern) is the link a keyboard or screen reader reaches, named by <title>; the value label,
 * drawn later so that it stays on top of every bar, gets a second link for the mouse only.
 * An item whose link is null stays as drawn.
 */
export function linkItems(svg: string, linkOf: (item: string) => ItemLink | null): string {
  const out: string[] = []
  const reached = new Set<string>()
  let run: Run | null = null
  let cursor = 0
  const close = () => {
    if (!run) return
    const link = linkOf(run.item)
    if (!link) out.push(run.body)
    else {
      if (!isSamePath(link.href)) throw new Error(`chart link must be a same-origin path: ${JSON.stringify(link.href)}`)
      const count = link.count === undefined ? '' : ` data-count="${link.count}"`
      const attrs = `href="${escapeXml(link.href)}" data-item="${run.item}"${count}`
      if (reached.has(run.item)) out.push(`<a ${attrs} class="chart-label-link" tabindex="-1" aria-hidden="true">${run.body}</a>`)
      else out.push(`<a ${attrs} class="chart-link"><title>${escapeXml(link.name)}</title>${run.body}</a>`)
    }
    reached.add(run.item)
    run = null
  }
  for (const m of svg.matchAll(LEAF)) {
    const gap = svg.slice(cursor, m.index)
    cursor = m.index + m[0].length
    const item = TAG.exec(m[2]!)?.[1] ?? null
    if (run && (item !== run.item || gap.trim() !== '')) close()
    if (!item) {
      out.push(gap, m[0])
      continue
    }
    const el = m[0].replace(TAG, '')
    if (run) run.body += gap + el
    else {
      out.push(gap)
      run = { item, body: el }
    }
  }
  close()
  out.push(svg.slice(cursor))
  return out.join('')
}

export type SvgFrame = { id: string; title: string; description: string; width: number; height: number }

// Text properties that SVG also takes as attributes, with the plain values ECharts gives them.
const PRESENTATION = new Set(['font-size', 'font-weight', 'font-style', 'font-family'])
const PLAIN_VALUE = /^[\w .,%#-]+$/

/**
 * ECharts sizes its text in style attributes (style="font-size:12px;"), which a CSP without
 * 'unsafe-inline' styles drops, leaving every label at the page's font size. The same properties
 * as presentation attributes (font-size="12px") are plain markup and need no CSP exception.
 * Anything else stays a style attribute, which such a CSP would ignore.
 */
function presentationAttributes(css: string): string {
  const kept: string[] = []
  let attrs = ''
  for (const decl of css.split(';')) {
    const [prop, ...rest] = decl.split(':')
    const name = prop!.trim().toLowerCase()
    const value = rest.join(':').trim()
    if (!name) continue
    if (PRESENTATION.has(name) && PLAIN_VALUE.test(value)) attrs += ` ${name}="${value}"`
    else kept.push(decl.trim())
  }
  return kept.length ? `${attrs} style="${kept.join(';')}"` : attrs
}

/**
 * The root for the page: role="img" named by <title> and described by <desc>; a viewBox so CSS can
 * size it (width 100%, height from the aspect ratio). Drops ECharts' <style> element (hover rules
 * for its own classes: charts.css styles our links instead), turns its style attributes into
 * presentation attributes, and makes the pattern ids unique per chart. The page's CSP can then stay
 * without 'unsafe-inline' for styles.
 */
export function frameSvg(svg: string, f: SvgFrame): string {
  const body = svg
    .replace(/^\s*<svg\b[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\sclass="zr\d+-cls-\d+"|\secmeta_\w+="[^"]*"/g, '')
    .replaceAll(`font-family:${ECHARTS_FONT};`, '')
    .replace(/\sstyle="([^"]*)"/g, (_, css: string) => presentationAttributes(css))
    .replace(/(id="|url\(#)zr\d+-/g, `$1${f.id}-`)
    .trim()
  const root = `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}"`
    + ` role="img" aria-labelledby="${f.id}-title" aria-describedby="${f.id}-desc">`
  return `${root}<title id="${f.id}-title">${escapeXml(f.title)}</title><desc id="${f.id}-desc">${escapeXml(f.description)}</desc>\n${body}\n</svg>`
}
