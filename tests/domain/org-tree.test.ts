import { describe, expect, test } from 'vitest'
import {
  ancestorIds, canBeChildOf, depthOf, inTreeOrder, isInSubtree, moveProblem, movedPath, ORG_KINDS, planImport,
  siblingKey, unitCodeProblem, unitNameProblem, type ExistingUnit, type ImportRow, type OrgKind,
} from '../../src/domain/org-tree.ts'

describe('which kind may sit under which', () => {
  const allowed: Record<OrgKind, (OrgKind | null)[]> = {
    district: [null],
    town: ['district'],
    grassroots: ['town', 'grassroots'],
  }
  const parents = [null, ...ORG_KINDS] as const
  test.each(ORG_KINDS.flatMap((kind) => parents.map((parent) => [kind, parent, allowed[kind].includes(parent)] as const)))(
    '%s under %s → %s',
    (kind, parent, expected) => {
      expect(canBeChildOf(kind, parent)).toBe(expected)
    },
  )
})

describe('paths', () => {
  test.each([
    ['/1/5/', '/1/', true],
    ['/1/5/', '/1/5/', true],
    ['/1/5/23/', '/1/5/', true],
    ['/1/50/', '/1/5/', false], // a prefix of the digits is not an ancestor
    ['/1/', '/1/5/', false],
    ['/2/5/', '/1/', false],
  ])('%s in subtree of %s → %s', (path, root, expected) => {
    expect(isInSubtree(path, root)).toBe(expected)
  })

  test.each([
    ['/1/5/', '/1/5/', '/1/7/5/', '/1/7/5/'],
    ['/1/5/23/', '/1/5/', '/1/7/5/', '/1/7/5/23/'],
    ['/1/5/23/40/', '/1/5/', '/2/5/', '/2/5/23/40/'],
    ['/1/50/', '/1/5/', '/1/7/5/', '/1/50/'],
    ['/1/6/', '/1/5/', '/1/7/5/', '/1/6/'],
  ])('%s moved from %s to %s → %s', (path, from, to, expected) => {
    expect(movedPath(path, from, to)).toBe(expected)
  })

  test.each([
    ['/1/', 0, []],
    ['/1/5/', 1, [1]],
    ['/1/5/23/', 2, [1, 5]],
    ['/1/5/23/77/', 3, [1, 5, 23]],
  ])('%s has depth %i and ancestors %j', (path, depth, ancestors) => {
    expect(depthOf(path)).toBe(depth)
    expect(ancestorIds(path)).toEqual(ancestors)
  })
})

describe('names and codes', () => {
  test.each([
    ['桂城街道总工会', null],
    ['x', null],
    ['', 'missing'],
    ['   ', 'missing'],
    ['工'.repeat(100), null],
    ['工'.repeat(101), 'too_long'],
    ['😀'.repeat(100), null], // characters, not UTF-16 units
    ['a\nb', 'control_chars'],
    ['a\tb', 'control_chars'],
  ])('name %j → %s', (name, expected) => {
    expect(unitNameProblem(name)).toBe(expected)
  })

  test.each([
    ['NH', null],
    ['NH-GC-1', null],
    ['440605_a.b', null],
    ['A'.repeat(40), null],
    ['A'.repeat(41), 'too_long'],
    ['-NH', 'format'],
    ['NH GC', 'format'],
    ['桂城', 'format'],
    ['', 'format'],
  ])('code %j → %s', (code, expected) => {
    expect(unitCodeProblem(code)).toBe(expected)
  })
})

describe('moving a unit', () => {
  // district 1 → towns 5, 6 → grassroots 23 (under 5) → grassroots 40 (under 23)
  const units = {
    district: { id: 1, kind: 'district', path: '/1/', parentId: null },
    town5: { id: 5, kind: 'town', path: '/1/5/', parentId: 1 },
    town6: { id: 6, kind: 'town', path: '/1/6/', parentId: 1 },
    g23: { id: 23, kind: 'grassroots', path: '/1/5/23/', parentId: 5 },
    g40: { id: 40, kind: 'grassroots', path: '/1/5/23/40/', parentId: 23 },
    g50: { id: 50, kind: 'grassroots', path: '/1/6/50/', parentId: 6 },
  } as const
  type Name = keyof typeof units
  test.each<[Name, Name, string, string | null]>([
    ['g23', 'town6', '/1/', null],
    ['g23', 'g50', '/1/', null],
    ['g40', 'town5', '/1/', null],
    ['g40', 'town6', '/1/', null],
    ['g23', 'town5', '/1/', 'same_parent'],
    ['g23', 'g23', '/1/', 'under_itself'],
    ['g23', 'g40', '/1/', 'under_itself'],
    ['town5', 'g23', '/1/', 'under_itself'],
    ['town5', 'town6', '/1/', 'kind_not_allowed'],
    ['town5', 'g50', '/1/', 'kind_not_allowed'],
    ['g23', 'district', '/1/', 'kind_not_allowed'],
    ['town5', 'district', '/1/', 'same_parent'],
    ['town5', 'district', '/1/5/', 'scope_root'],
    ['g23', 'town6', '/1/5/23/', 'scope_root'],
    ['district', 'town5', '/1/', 'scope_root'],
  ])('%s under %s (admin root %s) → %s', (unit, parent, root, expected) => {
    const u = units[unit]
    const p = units[parent]
    expect(moveProblem({ ...u, kind: u.kind as OrgKind }, { ...p, kind: p.kind as OrgKind }, root)).toBe(expected)
  })
})

describe('tree order', () => {
  test('each unit is followed by its children, siblings by name, with depth below the root', () => {
    const rows = [
      { id: 1, parentId: null, name: '区', path: '/1/' },
      { id: 10, parentId: 1, name: 'B镇', path: '/1/10/' },
      { id: 2, parentId: 1, name: 'A镇', path: '/1/2/' },
      { id: 11, parentId: 10, name: 'b2', path: '/1/10/11/' },
      { id: 12, parentId: 10, name: 'b1', path: '/1/10/12/' },
      { id: 3, parentId: 2, name: 'a1', path: '/1/2/3/' },
      { id: 4, parentId: 3, name: 'a1x', path: '/1/2/3/4/' },
    ]
    expect(inTreeOrder(rows, '/1/').map((r) => [r.id, r.depth])).toEqual([
      [1, 0], [2, 1], [3, 2], [4, 3], [10, 1], [12, 2], [11, 2],
    ])
    // Drilled into town 10: its rows only, depths relative to it.
    expect(inTreeOrder(rows.filter((r) => r.path.startsWith('/1/10/')), '/1/10/').map((r) => [r.id, r.depth])).toEqual([
      [10, 0], [12, 1], [11, 1],
    ])
  })

  test('rows whose parent is not in the list (search results) stand on their own', () => {
    const rows = [
      { id: 7, parentId: 3, name: 'b', path: '/1/3/7/' },
      { id: 8, parentId: 4, name: 'a', path: '/1/4/8/' },
    ]
    expect(inTreeOrder(rows, '/1/').map((r) => r.id)).toEqual([8, 7])
  })
})

describe('planning an import', () => {
  // In the store: district D (id 1, in scope), town T (id 2, in scope), town X (id 9, another area).
  const existing = new Map<string, ExistingUnit>([
    ['D', { id: 1, kind: 'district', inScope: true }],
    ['T', { id: 2, kind: 'town', inScope: true }],
    ['X', { id: 9, kind: 'town', inScope: false }],
  ])
  const taken = new Set([siblingKey(2, '已有工会')])
  const row = (code: string, name: string, kind: string, parentCode: string): ImportRow => ({ line: 0, code, name, kind, parentCode })
  // Line 1 is the header, so the first row is line 2.
  const plan = (...rows: ImportRow[]) => planImport(rows.map((r, i) => ({ ...r, line: i + 2 })), existing, taken)

  test('a town with grassroots unions under it, and one under an existing town', () => {
    const { problems, units } = plan(
      row('N1', '新镇', 'town', 'D'),
      row('N2', '新镇一厂工会', 'grassroots', 'N1'),
      row('N3', '一厂车间工会', 'GRASSROOTS', 'N2'),
      row('N4', '已有镇的新工会', 'grassroots', 'T'),
    )
    expect(problems).toEqual([])
    expect(units).toEqual([
      { code: 'N1', name: '新镇', kind: 'town', parent: { id: 1 }, generation: 0 },
      { code: 'N2', name: '新镇一厂工会', kind: 'grassroots', parent: { code: 'N1' }, generation: 1 },
      { code: 'N3', name: '一厂车间工会', kind: 'grassroots', parent: { code: 'N2' }, generation: 2 },
      { code: 'N4', name: '已有镇的新工会', kind: 'grassroots', parent: { id: 2 }, generation: 0 },
    ])
  })

  test.each<[string, ImportRow[], [number, string, string][]]>([
    ['no code', [row('', '甲', 'grassroots', 'T')], [[2, 'code_missing', '']]],
    ['bad code', [row('甲-1', '甲', 'grassroots', 'T')], [[2, 'code_format', '甲-1']]],
    ['long code', [row('A'.repeat(41), '甲', 'grassroots', 'T')], [[2, 'code_too_long', 'A'.repeat(41)]]],
    ['code twice in the file', [row('A', '甲', 'grassroots', 'T'), row('A', '乙', 'grassroots', 'T')], [[3, 'code_repeated', 'A']]],
    ['code already stored', [row('X', '甲', 'grassroots', 'T')], [[2, 'code_taken', 'X']]],
    ['no name', [row('A', ' ', 'grassroots', 'T')], [[2, 'name_missing', ' ']]],
    ['long name', [row('A', '工'.repeat(101), 'grassroots', 'T')], [[2, 'name_too_long', '工'.repeat(101)]]],
    ['unknown kind', [row('A', '甲', '村', 'T')], [[2, 'kind_unknown', '村']]],
    ['no parent (a district)', [row('A', '新区', 'district', '')], [[2, 'parent_missing', '']]],
    ['parent nowhere', [row('A', '甲', 'grassroots', 'NOPE')], [[2, 'parent_not_found', 'NOPE']]],
    ['parent in another area', [row('A', '甲', 'grassroots', 'X')], [[2, 'parent_not_found', 'X']]],
    ['parent only later in the file', [row('A', '甲', 'grassroots', 'B'), row('B', '乙', 'grassroots', 'T')], [[2, 'parent_later', 'B']]],
    ['town under a town', [row('A', '甲', 'town', 'T')], [[2, 'kind_not_allowed', 'town']]],
    ['grassroots under a district', [row('A', '甲', 'grassroots', 'D')], [[2, 'kind_not_allowed', 'grassroots']]],
    ['name used by a stored sibling', [row('A', '已有工会', 'grassroots', 'T')], [[2, 'name_taken', '已有工会']]],
    ['same name twice under one parent', [row('A', '甲', 'grassroots', 'T'), row('B', '甲', 'grassroots', 'T')], [[3, 'name_repeated', '甲']]],
    ['same name twice under a new parent', [row('N', '新镇', 'town', 'D'), row('A', '甲', 'grassroots', 'N'), row('B', '甲', 'grassroots', 'N')], [[4, 'name_repeated', '甲']]],
    ['several problems on one line', [row('', '', 'x', '')], [[2, 'code_missing', ''], [2, 'name_missing', ''], [2, 'kind_unknown', 'x'], [2, 'parent_missing', '']]],
  ])('%s', (_label, rows, expected) => {
    const { problems, units } = plan(...rows)
    expect(problems.map((p) => [p.line, p.problem, p.value])).toEqual(expected)
    expect(units.length).toBe(rows.length - new Set(expected.map((e) => e[0])).size)
  })

  test('same name under different parents is fine', () => {
    expect(plan(row('A', '甲', 'grassroots', 'T'), row('N', '新镇', 'town', 'D'), row('B', '甲', 'grassroots', 'N')).problems).toEqual([])
  })

  test('a child of a bad row is judged on its own, not reported as orphaned', () => {
    const { problems } = plan(row('A', '', 'grassroots', 'T'), row('B', '乙', 'grassroots', 'A'))
    expect(problems.map((p) => [p.line, p.problem])).toEqual([[2, 'name_missing']])
  })
})
