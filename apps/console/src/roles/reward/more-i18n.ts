// Texts of the objection, research and policy pages: [zh-CN, zh-TW, en]. They load with those
// pages, never on a member's first route; the rest comes from the reward pages' table.
import { useMemo } from 'react';
import { useRewardI18n, type RewardMessageKey } from '../../i18n/reward-i18n';

export const MORE_MESSAGES = {
  'more.notices': ['评选公示与异议', '評選公示與異議', 'Selections on notice and objections'],
  'more.noticesHint': ['评选结果公示期间，本局任何人都可以对当选人员提出异议；异议人和异议内容只有领导小组可见。领导小组逐条维持或驳回后才能公布。', '評選結果公示期間，本局任何人都可以對當選人員提出異議；異議人和異議內容只有領導小組可見。領導小組逐條維持或駁回後才能公布。', 'While a selection is on notice anyone in the bureau may object to a member selected; only the leading group sees who objected and what they wrote. It decides each objection before the list is announced.'],
  'more.noNotice': ['本年度没有正在公示的评选', '本年度沒有正在公示的評選', 'No selection on notice this year'],
  'more.objections': ['异议', '異議', 'Objections'],
  'more.noObjection': ['暂无异议', '暫無異議', 'No objection'],
  'more.objectedMember': ['被提异议人员', '被提異議人員', 'Member objected to'],
  'more.objector': ['异议人', '異議人', 'Objector'],
  'more.objectionText': ['异议内容', '異議內容', 'Objection'],
  'more.raisedAt': ['提出时间', '提出時間', 'Raised'],
  'more.restricted': ['仅领导小组可见', '僅領導小組可見', 'Leading group only'],
  'more.raise': ['提出异议', '提出異議', 'Raise an objection'],
  'more.raised': ['异议已提交', '異議已提交', 'Objection raised'],
  'more.decision': ['处理结果', '處理結果', 'Decision'],
  'more.outcome': ['处理', '處理', 'Outcome'],
  'more.outcome.upheld': ['维持异议（取消当选）', '維持異議（取消當選）', 'Upheld (no longer selected)'],
  'more.outcome.dismissed': ['驳回异议', '駁回異議', 'Dismissed'],
  'more.objection.open': ['待处理', '待處理', 'Open'],
  'more.objection.upheld': ['已维持', '已維持', 'Upheld'],
  'more.objection.dismissed': ['已驳回', '已駁回', 'Dismissed'],
  'more.decide': ['处理异议', '處理異議', 'Decide'],
  'more.decided': ['异议已处理', '異議已處理', 'Objection decided'],
  'more.decisionReason': ['处理理由', '處理理由', 'Reason'],
  'more.openObjections': ['还有{count}条异议未处理，处理完毕后才能公布。', '還有{count}條異議未處理，處理完畢後才能公布。', '{count} objection(s) still open: the list is announced once every one is decided.'],
  'more.announceRefused': ['暂不能公布（409）', '暫不能公布（409）', 'Not announced yet (409)'],
  'more.refused.objections_open': ['还有异议未处理：领导小组逐条处理后才能公布。', '還有異議未處理：領導小組逐條處理後才能公布。', 'Objections are still open: the leading group decides each one first.'],
  'more.refused.notice_not_over': ['公示期尚未结束，期满后才能公布。', '公示期尚未結束，期滿後才能公布。', 'The notice has not ended yet: the list is announced after it.'],
  'more.research': ['统计信息、分析调研奖励', '統計資訊、分析調研獎勵', 'Research rewards'],
  'more.researchHint': ['研究成果（被领导采用的信息、调研报告、分析、获奖课题）由作者提交，由不是作者的领导小组或考核办成员评定等级，评定后按办法给予奖励。', '研究成果（被領導採用的資訊、調研報告、分析、獲獎課題）由作者提交，由不是作者的領導小組或考核辦成員評定等級，評定後按辦法給予獎勵。', 'Works (information adopted by leaders, reports, analyses, research awards) are submitted by their authors and rated by the leading group or the appraisal office — never an author; a rated work pays its level’s amount.'],
  'more.scheme': ['奖励办法', '獎勵辦法', 'Scheme'],
  'more.noScheme': ['{year}年尚未制定研究成果奖励办法', '{year}年尚未制定研究成果獎勵辦法', 'No research scheme for {year} yet'],
  'more.schemeVersion': ['第{version}版', '第{version}版', 'version {version}'],
  'more.editScheme': ['制定奖励办法', '制定獎勵辦法', 'Set the scheme'],
  'more.schemeSaved': ['奖励办法已保存', '獎勵辦法已儲存', 'Scheme saved'],
  'more.category': ['成果类别', '成果類別', 'Category'],
  'more.categoryId': ['类别代码', '類別代碼', 'Category id'],
  'more.categoryName': ['类别名称', '類別名稱', 'Category name'],
  'more.addCategory': ['添加类别', '新增類別', 'Add a category'],
  'more.level': ['等级', '等級', 'Level'],
  'more.levelId': ['等级代码', '等級代碼', 'Level id'],
  'more.levelName': ['等级名称', '等級名稱', 'Level name'],
  'more.addLevel': ['添加等级', '新增等級', 'Add a level'],
  'more.bonusPoints': ['考核加分', '考核加分', 'Appraisal bonus points'],
  'more.appraisalBonus': ['评定成果计入考核加分', '評定成果計入考核加分', 'Rated works add bonus points to the appraisal'],
  'more.remove': ['删除', '刪除', 'Remove'],
  'more.works': ['研究成果', '研究成果', 'Works'],
  'more.noWork': ['本年度还没有提交的成果', '本年度還沒有提交的成果', 'No work submitted this year'],
  'more.submitWork': ['提交成果', '提交成果', 'Submit a work'],
  'more.workSubmitted': ['成果已提交', '成果已提交', 'Work submitted'],
  'more.workTitle': ['成果名称', '成果名稱', 'Title'],
  'more.authors': ['作者', '作者', 'Authors'],
  'more.evidence': ['佐证（采用批示、刊发、获奖情况，每行一条）', '佐證（採用批示、刊發、獲獎情況，每行一條）', 'Evidence (adoption, publication or award, one per line)'],
  'more.summary': ['摘要', '摘要', 'Summary'],
  'more.work.submitted': ['待评定', '待評定', 'Awaiting rating'],
  'more.work.rated': ['已评定', '已評定', 'Rated'],
  'more.work.declined': ['不予奖励', '不予獎勵', 'Declined'],
  'more.rate': ['评定', '評定', 'Rate'],
  'more.rated': ['成果已评定', '成果已評定', 'Work rated'],
  'more.decline': ['不予奖励', '不予獎勵', 'Decline'],
  'more.declined': ['已决定不予奖励', '已決定不予獎勵', 'Work declined'],
  'more.comment': ['评定意见', '評定意見', 'Comment'],
  'more.rating': ['评定结果', '評定結果', 'Rating'],
  'more.shares': ['奖金分配', '獎金分配', 'Shares'],
  'more.totals': ['年度成果奖励汇总', '年度成果獎勵彙總', 'Yearly totals per member'],
  'more.workCount': ['成果数', '成果數', 'Works'],
  'more.noTotals': ['本年度还没有评定的成果', '本年度還沒有評定的成果', 'No rated work this year'],
  'more.policy': ['奖励办法与历年台账', '獎勵辦法與歷年台帳', 'Reward policy and opening totals'],
  'more.policyHint': ['领导小组制定本年度的荣誉：需要评选的荣誉（名额）和按考核结果自动给予的荣誉（如连续两年优秀），以及精神和物质奖励。', '領導小組制定本年度的榮譽：需要評選的榮譽（名額）和按考核結果自動給予的榮譽（如連續兩年優秀），以及精神和物質獎勵。', 'The leading group sets the year’s honours: those given by selection (with a quota) and those given automatically from the results (such as two consecutive 优秀), with their spiritual and material rewards.'],
  'more.policyVersion': ['现行第{version}版，{by}于{at}制定', '現行第{version}版，{by}於{at}制定', 'Version {version}, set by {by} on {at}'],
  'more.noPolicyYet': ['本年度尚未制定奖励办法', '本年度尚未制定獎勵辦法', 'No policy for this year yet'],
  'more.honours': ['荣誉', '榮譽', 'Honours'],
  'more.addHonour': ['添加荣誉', '新增榮譽', 'Add an honour'],
  'more.honourId': ['荣誉代码', '榮譽代碼', 'Honour id'],
  'more.honourTitle': ['荣誉名称', '榮譽名稱', 'Title'],
  'more.award': ['授予方式', '授予方式', 'Given'],
  'more.award.selection': ['评选', '評選', 'By selection'],
  'more.award.automatic': ['按结果自动', '按結果自動', 'Automatically from results'],
  'more.consecutive': ['连续优秀次数', '連續優秀次數', 'Consecutive top grades'],
  'more.note': ['说明', '說明', 'Note'],
  'more.savePolicy': ['保存奖励办法', '儲存獎勵辦法', 'Save the policy'],
  'more.policySaved': ['奖励办法已保存', '獎勵辦法已儲存', 'Policy saved'],
  'more.readOnly': ['只有领导小组可以修改', '只有領導小組可以修改', 'Only the leading group changes it'],
  'more.opening': ['使用系统以前的历年台账', '使用系統以前的歷年台帳', 'Opening totals (years before the system)'],
  'more.openingHint': ['录入本局使用系统以前各年的汇总数字，使“自开展以来”的统计完整。', '錄入本局使用系統以前各年的彙總數字，使「自開展以來」的統計完整。', 'Figures for the years before the bureau used the system, so the figures since the start are whole.'],
  'more.openingYear': ['年度', '年度', 'Year'],
  'more.booksPublished': ['公开承诺书', '公開承諾書', 'Books published'],
  'more.deedsPledged': ['承诺事项', '承諾事項', 'Deeds pledged'],
  'more.deedsDone': ['完成事项', '完成事項', 'Deeds done'],
  'more.peopleAided': ['帮扶人数', '幫扶人數', 'People aided'],
  'more.amountYuan': ['帮扶金额（元）', '幫扶金額（元）', 'Amount given (yuan)'],
  'more.volunteerHours': ['志愿服务时长（小时）', '志願服務時長（小時）', 'Volunteer hours'],
  'more.grants': ['奖励次数', '獎勵次數', 'Rewards granted'],
  'more.grantsAmountYuan': ['奖励金额（元）', '獎勵金額（元）', 'Rewards amount (yuan)'],
  'more.saveOpening': ['保存台账', '儲存台帳', 'Save the opening totals'],
  'more.openingSaved': ['台账已保存', '台帳已儲存', 'Opening totals saved'],
  'more.openingYears': ['已录入年度', '已錄入年度', 'Years recorded'],
} as const satisfies Record<string, readonly [string, string, string]>;

const INDEX = { 'zh-CN': 0, 'zh-TW': 1, en: 2 } as const;
const OWN: Record<string, readonly [string, string, string]> = MORE_MESSAGES;
export type MoreMessageKey = RewardMessageKey | keyof typeof MORE_MESSAGES;

/** useRewardI18n with these pages' own texts first. */
export function useMoreI18n() {
  const i18n = useRewardI18n();
  return useMemo(() => {
    const t = (key: MoreMessageKey, vars?: Record<string, string | number>): string => {
      const entry = OWN[key];
      if (!entry) return i18n.t(key as RewardMessageKey, vars);
      const text = entry[INDEX[i18n.locale]];
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
    };
    const label = (prefix: string, value: string | undefined): string => (value && `${prefix}.${value}` in OWN ? t(`${prefix}.${value}` as MoreMessageKey) : i18n.label(prefix, value));
    return { ...i18n, t, label };
  }, [i18n]);
}
