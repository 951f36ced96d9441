import type { Channel, IdType } from '../../../domain/case-vocabulary.ts'
import { isUnder16 } from '../../../domain/resident-id.ts'
import { workerRow, type NewWorker } from '../../../features/intake/intake.queries.ts'
import type { PiiCipher } from '../../../privacy/pii-cipher.ts'
import { mobile, personName, residentId, type Rng } from '../demo-people.ts'
import { CaseStory, caseRow, type Gen } from './case-story.ts'
import { caseTokens } from './case-tokens.ts'
import { choice } from './choice.ts'
import type { CasePlan } from './case-plan.ts'
import { pickScenario, WAGE_ARREARS, type Scenario } from './scenarios.ts'
import type { World } from './seed-world.ts'
import { bjDay, bjMidnight, DAY, HOUR } from './timeline.ts'

/** What intake needs beyond the generator and the case's plan: the district and the key. */
export type IntakeContext = { world: World; pii: PiiCipher }

const fullChannel = choice<Channel>([
  ['visit', 26], ['call', 16], ['hotline_12351', 10], ['letter', 5], ['online', 10], ['rights_officer', 12],
  ['court_referral', 6], ['arbitration_referral', 5], ['labour_bureau_referral', 6],
])
const listedWorkers = choice([[1, 60], [2, 18], [3, 10], [4, 6], [5, 3], [6, 3]] as const)
/** Many come by phone or through an informant and give no ID number; most who come in person do. */
const idType = choice<IdType>([['resident_id', 48], ['hkmo_permit', 1], ['passport', 0.5], ['none', 50.5]])

/** A case as intake writes it (insertCase): its row, parties, claims and the `case.created` event. */
export function takeIn(gen: Gen, ctx: IntakeContext, r: Rng, plan: CasePlan): CaseStory {
  const { id, at, cluster } = plan
  const town = ctx.world.towns[plan.town]!
  const s: Scenario = cluster ? WAGE_ARREARS : pickScenario(r)
  const form = cluster ? 'full' : s.types.includes('collective_contract') ? 'collective' : r.chance(0.3) ? 'report' : 'full'
  const atDistrict = form === 'full' && !cluster && r.chance(0.03)
  const staff = atDistrict ? ctx.world.district : town
  const channel: Channel = cluster ? 'visit' : form === 'report' ? 'informant_report' : form === 'collective' ? 'bargaining_instructor' : fullChannel(r)
  const informant = form === 'report' ? r.pick(town.informants) : null
  const reporter = informant ? informant.id : form === 'collective' ? r.pick(town.instructors) : r.pick(staff.officers)
  const day = bjDay(at)
  const year = Number(day.slice(0, 4))

  const story = new CaseStory(gen, id, caseRow(id), town, atDistrict ? ctx.world.district : town)
  story.respondents.push(...plan.respondents)
  story.repeatCases = plan.repeatCases
  story.group = cluster ? cluster.group : null
  const first = plan.respondents[0]!
  const roles = story.respondents.length === 2
    ? (story.respondents[1]!.individual ? ['main_contractor', 'individual_contractor'] : ['user_entity', 'dispatcher'])
    : [first.individual ? (r.chance(0.05) ? 'unlicensed_investor' : r.chance(0.6) ? 'individual_contractor' : 'employer') : 'employer']
  story.respondents.forEach((resp, position) => gen.sink('case_respondents', { case_id: id, respondent_id: resp.id, role: roles[position]!, position }))

  const listed = cluster ? cluster.workers : form === 'report' ? (r.chance(0.35) ? 1 : 0) : form === 'collective' ? r.int(1, 2) : listedWorkers(r)
  const names: string[] = []
  let phones = 0
  let ids = 0
  for (let position = 0; position < listed; position++) {
    const w = newWorker(r, s, at, day)
    const row = workerRow(ctx.pii, id, position, w)
    const workerId = gen.ids.next('workers')
    gen.sink('workers', { id: workerId, ...row })
    story.workers.push({ id: workerId, name: w.name, knewDate: w.knewDate, leaveDate: w.leaveDate, migrant: w.migrant, key: w.idNumber ?? w.phone })
    names.push(w.name)
    if (w.phone) phones++
    if (w.idNumber) ids++
  }

  let claimed = 0
  if (form === 'full' && s.monthly[1] > 0) {
    story.workers.forEach((w, position) => {
      const yuan = r.chance(0.003) ? r.int(1_000_000, 2_500_000) : r.int(s.monthly[0], s.monthly[1]) * r.int(s.months[0], s.months[1])
      const claim = { id: gen.ids.next('claims'), kind: s.types[0]!, description: `${w.name}：${s.claim}`, amountFen: yuan * 100 + r.int(0, 99) }
      gen.sink('claims', { id: claim.id, case_id: id, position, kind: claim.kind, description: claim.description, amount_fen: claim.amountFen })
      story.claims.push(claim)
      claimed += claim.amountFen
    })
  }

  const declared = cluster ? listed : form === 'collective' ? r.int(3, 9)
    : r.chance(0.015) ? r.int(30, 150) : r.chance(0.05) ? r.int(10, 29) : listed + (r.chance(0.2) ? r.int(1, 5) : 0) || 1
  const applied = form === 'full' ? (channel.endsWith('_referral') || r.chance(0.85)) : form === 'collective' && r.chance(0.7)
  // The case number's year is the application's; kept in the year it was reported in.
  const yearEnd = bjMidnight(`${year + 1}-01-01`) - 60_000
  const applicationAt = applied ? Math.min(at + r.int(0, 48) * HOUR, yearEnd, gen.limit) : null
  const title = s.title(r)
  const facts = s.facts(r)
  const refNo = r.int(100, 9999)
  Object.assign(story.k, {
    case_no: plan.caseNo, status: applied ? 'registered' : 'reported', route: null, channel,
    channel_ref: channel === 'court_referral' ? `（${year}）粤0605民诉前调${refNo}号` : channel === 'arbitration_referral' ? `佛南劳人仲案字〔${year}〕${refNo}号`
      : channel === 'labour_bureau_referral' ? `南人社转〔${year}〕${refNo}号` : channel === 'hotline_12351' ? `12351-${year}${r.int(10000, 99999)}` : null,
    intake_form: form, org_unit_id: informant ? informant.unitId : atDistrict ? ctx.world.district.id : town.id, reported_by: reporter,
    reported_at: at, application_received_at: applicationAt, title, facts, dispute_types: s.types, workers_involved: declared,
    collective_signs: r.chance(0.01) ? [r.pick(['stoppage', 'blocking', 'petition'])] : r.chance(0.015) ? [r.pick(['gathering', 'online_campaign'])] : [],
    collective_contract: form === 'collective' ? { contract_status: 'expired', stage: 'signing', union_present: 'yes', workforce: String(r.int(120, 900)) } : null,
    claimed_total_fen: claimed, collective_group_id: null, assigned_mediator_id: null, assigned_legal_adviser_id: null,
    search_tokens: caseTokens([title, ...names, facts], story.respondents),
    created_at: at, updated_at: at,
  })
  story.event(at, 'case.created', reporter, {
    status: story.status, channel, form, workers: listed, respondents: story.respondents.length, claims: story.claims.length,
    claimed_fen: String(claimed), phones_given: phones, ids_given: ids,
  })
  return story
}

function newWorker(r: Rng, s: Scenario, at: number, day: string): NewWorker {
  const type = idType(r)
  const year = Number(day.slice(0, 4))
  const birthYear = r.chance(0.003) ? year - 15 : r.int(year - 58, year - 18)
  const idNumber = type === 'resident_id' ? residentId(r, birthYear) : type === 'hkmo_permit' ? `H${r.int(10_000_000, 99_999_999)}${r.int(10, 99)}`
    : type === 'passport' ? `E${r.int(10_000_000, 99_999_999)}` : null
  const hire = bjDay(at - r.int(120, 2500) * DAY)
  const left = r.chance(0.5) ? bjDay(at - r.int(5, 330) * DAY) : null
  return {
    name: personName(r),
    phone: r.chance(0.8) ? mobile(r) : null,
    idType: type,
    idNumber,
    under16: type === 'resident_id' && isUnder16(`${idNumber!.slice(6, 10)}-${idNumber!.slice(10, 12)}-${idNumber!.slice(12, 14)}`, day),
    migrant: s.types.includes('wages') && r.chance(0.6),
    platformWorker: s.types.includes('labour_relationship') && r.chance(0.5),
    hireDate: hire,
    leaveDate: left && left > hire ? left : null,
    knewDate: r.chance(0.5) ? bjDay(at - r.int(1, 300) * DAY) : null,
  }
}
