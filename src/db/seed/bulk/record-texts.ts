// What mediators, advisers and officers write in the records, a few variants of each.

export const SESSION_SUMMARIES = {
  agreement: ['双方就欠付工资数额及支付期限达成一致，当场签订调解协议。', '经调解，被申请人同意分期支付，双方签订调解协议。'],
  partial_agreement: ['双方对工资数额达成一致，对经济补偿仍有分歧，约定下次继续调解。'],
  no_agreement: ['双方分歧较大，未能达成一致，告知申请人可申请劳动仲裁。', '被申请人不认可加班事实，调解不成。'],
  respondent_absent: ['被申请人经通知未到场，电话无法联系。'],
  respondent_refused: ['被申请人明确表示不同意调解。'],
  adjourned: ['双方陈述事实并提交证据，调解员释明法律规定，约定补充材料后继续调解。', '被申请人需请示老板，约定下次继续调解。'],
} as const

export const PARTICIPANTS = [
  '申请人及其委托代理人；被申请人人事负责人；调解员',
  '申请人；被申请人法定代表人；调解员；村（社区）工会主席',
  '申请人代表三人；被申请人行政经理；调解员；劳动关系信息员',
]

export const PLACES = ['镇总工会劳动争议调解室', '企业会议室', '村（社区）工会服务站', '镇公共法律服务站', '区职工服务中心调解室']

export const AGREEMENT_TERMS = '一、被申请人确认拖欠申请人工资及经济补偿，按本协议所列金额和期限支付。\n二、申请人收到全部款项后，双方劳动争议就此了结。\n三、被申请人逾期未支付的，申请人可就未付部分依法申请支付令或申请仲裁。'
export const PERFORMANCE_METHODS = ['银行转账至申请人本人账户', '现金支付并由申请人签收', '通过镇总工会代为转付']

export const LEGAL_NOTES = [
  { legal_basis: '《劳动合同法》第三十条、第八十五条；《保障农民工工资支付条例》第十五条', advice: '用人单位应足额按时支付工资；逾期不支付的，可向劳动保障监察机构投诉或申请仲裁。建议保存考勤记录和工资条。' },
  { legal_basis: '《劳动争议调解仲裁法》第二十七条', advice: '仲裁时效为一年，从知道或应当知道权利被侵害之日起计算。本案离职已近一年，建议尽快申请仲裁。' },
  { legal_basis: '《劳动合同法》第四十七条、第八十七条', advice: '违法解除劳动合同的，劳动者可主张二倍经济补偿作为赔偿金。建议以经济补偿标准为调解底线。' },
  { legal_basis: '《关于确立劳动关系有关事项的通知》（劳社部发〔2005〕12号）', advice: '虽未签订书面劳动合同，工资支付记录、工作证和同事证言可证明劳动关系。建议收集转账记录和工作群聊天记录。' },
  { legal_basis: '《工伤保险条例》第三十七条', advice: '七至十级伤残可享受一次性伤残补助金；解除劳动合同时还可主张一次性工伤医疗补助金和伤残就业补助金。' },
]

export const DECLINE_NOTES = ['申请人所述纠纷为民间借贷，不属于劳动争议。', '同一争议已在其他调解组织处理中。']

export const REFERRAL_REASONS = ['劳动者住所地在该镇，便于调解', '用人单位注册地在该镇，转请属地调解']
export const REJECT_REASONS = ['劳动者工作地点在本镇以外，退回原单位', '该企业已迁出本镇，请原单位继续处理']

export const OUTSIDE_BODIES = {
  arbitration: '佛山市南海区劳动人事争议仲裁委员会',
  labour_inspection: '佛山市南海区人力资源和社会保障局劳动保障监察大队',
  labour_bureau: '佛山市南海区人力资源和社会保障局',
  litigation: '佛山市南海区人民法院',
} as const
export const OUTSIDE_OUTCOMES = {
  arbitration: ['仲裁委裁决支持申请人大部分请求。', '仲裁委出具调解书，双方达成调解。', '申请人撤回仲裁申请。'],
  labour_inspection: ['监察大队责令企业限期支付拖欠工资，企业已整改。', '经调查，企业已补发工资并补缴社会保险。'],
  labour_bureau: ['人社局组织双方协商，企业同意重新开展工资集体协商。'],
  litigation: ['法院判决支持申请人诉讼请求。'],
} as const

export const COURT = '佛山市南海区人民法院'

export const LIMITATION_REASONS = {
  interruption: '劳动者向用人单位书面主张支付拖欠工资，时效中断。',
  suspension: '劳动者因工伤住院治疗，无法申请仲裁，时效中止。',
} as const

export const EXTENSION_REASON = '双方同意延长调解期限以便核对工资台账'
export const REOPEN_REASON = '申请人补充提交了劳动合同，属于受理范围'
