import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { zhCN } from '../../src/i18n/zh-CN.ts'
import { en } from '../../src/i18n/en.ts'

const viewsDir = fileURLToPath(new URL('../../views', import.meta.url))
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]))

describe('templates', () => {
  test('print raw HTML only for the layout body and our own partials (everything else is escaped)', () => {
    const offenders: string[] = []
    for (const file of files(viewsDir).filter((f) => f.endsWith('.eta'))) {
      const name = path.relative(viewsDir, file).split(path.sep).join('/')
      for (const m of readFileSync(file, 'utf8').matchAll(/<%~\s*([^%]*)%>/g)) {
        const expr = m[1]!.trim()
        // The chart partial prints the SVG that src/charts/chart-svg.ts built and escaped itself.
        if (name === 'shared/_chart.eta' && expr === 'it.chart.svg') continue
        if (!/^(it\.body|include\(\s*'\/)/.test(expr)) offenders.push(`${name}: ${m[0]}`)
      }
    }
    expect(offenders).toEqual([])
  })

  test('carry no inline script or event-handler attributes (the CSP would block them)', () => {
    const offenders = files(viewsDir).filter((f) => /<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|hx-on/i.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})

describe('message catalogue', () => {
  test('English has every Chinese key and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort())
    expect(Object.entries(en).filter(([, v]) => !v.trim())).toEqual([])
    expect(Object.entries(zhCN).filter(([, v]) => !v.trim())).toEqual([])
  })

  test('handlers hold no user-facing Chinese text: it all comes from the catalogue', () => {
    const srcDir = fileURLToPath(new URL('../../src', import.meta.url))
    const offenders = files(srcDir)
      .filter((f) => /\.(routes|forms|pages)\.ts$/.test(f) || f.includes(`${path.sep}http${path.sep}`))
      .filter((f) => /['"`][^'"`\n]*[\u4e00-\u9fff][^'"`\n]*['"`]/.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
    expect(offenders.map((f) => path.relative(srcDir, f))).toEqual([])
  })
})
