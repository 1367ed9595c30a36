// The menu entries of the reward, statistics, system and programme pages: [zh-CN, zh-TW, en].
export const REWARD_NAV_MESSAGES = {
  'nav.rewards': ['评先选优与奖励', '評先選優與獎勵', 'Selections and rewards'],
  'nav.selections': ['评先选优', '評先選優', 'Selections'],
  'nav.grants': ['奖励', '獎勵', 'Rewards granted'],
  'nav.myRewards': ['我的奖励', '我的獎勵', 'My rewards'],
  'nav.notices': ['评选公示', '評選公示', 'Selections on notice'],
  'nav.research': ['调研成果奖励', '調研成果獎勵', 'Research rewards'],
  'nav.rewardPolicy': ['奖励办法与台账', '獎勵辦法與台帳', 'Reward policy'],
  'nav.stats': ['统计', '統計', 'Statistics'],
  'nav.statistics': ['统计报表', '統計報表', 'Figures'],
  'nav.system': ['系统', '系統', 'System'],
  'nav.bureauTree': ['单位树', '單位樹', 'Bureau tree'],
  'nav.subscriptions': ['外部订阅', '外部訂閱', 'Subscriptions'],
  'nav.programme': ['承诺规则与年度', '承諾規則與年度', 'Programme rules'],
} as const satisfies Record<string, readonly [string, string, string]>;
