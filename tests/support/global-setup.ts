import { writeFile, rm, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import postgres from 'postgres'
import { connectPglite, connectPostgres } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    pgTemplate: string
  }
}

/**
 * Migrates once per run. On PGlite the migrated data folder is dumped to a tarball that each
 * test file loads (~0.6 s instead of initdb + migrate); on PostgreSQL a template database is
 * migrated and each test file gets its own copy of it (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (url) {
    const name = `fq_tpl_${process.pid}_${Date.now().toString(36)}`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    const { db } = await connectPostgres(withDatabase(url, name))
    await migrateToLatest(db)
    await db.destroy()
    project.provide('pgTemplate', name)
    project.provide('pgliteTemplate', '')
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${'fq_t_' + process.pid + '_%'}`
      for (const d of leftovers) await admin.unsafe(`drop database if exists ${d.datname} with (force)`)
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  const { db, pglite } = await connectPglite()
  await migrateToLatest(db)
  const dir = await mkdtemp(path.join(tmpdir(), 'fq-pglite-'))
  const file = path.join(dir, 'template.tar')
  const dump = await pglite.dumpDataDir('none')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  await db.destroy()
  project.provide('pgliteTemplate', file)
  project.provide('pgTemplate', '')
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
