import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { publicRoute } from '../auth/access.ts'

const require = createRequire(import.meta.url)
const publicDir = fileURLToPath(new URL('../../public', import.meta.url))
// htmx and the CSS base are served from node_modules, from our own origin, never copied or from a CDN.
const htmxDir = path.dirname(require.resolve('htmx.org/dist/htmx.min.js'))
const picoDir = path.join(path.dirname(require.resolve('@picocss/pico/package.json')), 'css')

const rel = (dir: string) => path.relative(process.cwd(), dir) || '.'

const longCache = async (c: { header: (k: string, v: string) => void }, next: () => Promise<void>) => {
  await next()
  c.header('Cache-Control', 'public, max-age=3600')
}

export const staticFiles = new Hono<AppEnv>()
  .get('/static/htmx/htmx.min.js', publicRoute, longCache, serveStatic({ root: rel(htmxDir), path: 'htmx.min.js' }))
  .get('/static/pico/pico.min.css', publicRoute, longCache, serveStatic({ root: rel(picoDir), path: 'pico.red.min.css' }))
  .get('/static/*', publicRoute, longCache, serveStatic({ root: rel(publicDir), rewriteRequestPath: (p) => p.replace(/^\/static/, '') }))
