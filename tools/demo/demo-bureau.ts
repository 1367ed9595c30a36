// The demo bureau: a city statistics bureau as the seed report describes one — its leading
// party group and leadership team, the appraisal office, two party branches with five party
// groups, departments, and about forty people (full and probationary members, non-party staff).

import { programmeYearOf } from '@pledgebook/pledge-domain';

export const DEMO_BUREAU = { bureauId: 'weihai-stats', name: '威海市统计局', level: 'city' } as const;
/** Books are drafted for an open programme year: the current one (last year's are entered late). */
export const DEMO_YEAR = programmeYearOf(new Date().toISOString());

/** A date of the demo's story, but never one still to come (deeds and meetings cannot be in the future). */
export function notAfterToday(date: string): string {
  const today = new Date().toISOString().slice(0, 10);
  return date < today ? date : today;
}

const units = [
  ['leading-party-group', '局党组', 'leading-party-group', ''],
  ['leadership-team', '局领导班子', 'leadership-team', ''],
  ['appraisal-office', '承诺考评办公室', 'appraisal-office', ''],
  ['branch-1', '机关第一党支部', 'party-branch', ''],
  ['branch-2', '机关第二党支部', 'party-branch', ''],
  ['group-1', '综合党小组', 'party-group', 'branch-1'],
  ['group-2', '人口就业党小组', 'party-group', 'branch-1'],
  ['group-3', '农村统计党小组', 'party-group', 'branch-1'],
  ['group-4', '工业交通党小组', 'party-group', 'branch-2'],
  ['group-5', '执法监督党小组', 'party-group', 'branch-2'],
  ['dept-office', '办公室', 'department', ''],
  ['dept-general', '综合统计科', 'department', ''],
  ['dept-population', '人口和就业统计科', 'department', ''],
  ['dept-rural', '农村统计科', 'department', ''],
  ['dept-industry', '工业交通统计科', 'department', ''],
  ['dept-enforcement', '统计执法监督科', 'department', ''],
] as const;

/** key, name, party status, group, department, roles (first role first). */
const people: ReadonlyArray<readonly [string, string, 'full' | 'probationary' | 'non-party', string, string, string]> = [
  ['zhou-jianguo', '周建国', 'full', 'group-1', 'dept-office', 'member;leading-group'],
  ['liu-hongmei', '刘红梅', 'full', 'group-2', 'dept-general', 'member;leading-group'],
  ['chen-zhiqiang', '陈志强', 'full', 'group-4', 'dept-industry', 'member;leading-group'],
  ['wang-xiaodong', '王晓东', 'full', 'group-1', 'dept-office', 'member;branch-secretary'],
  ['zhao-jingang', '赵金刚', 'full', 'group-1', 'dept-general', 'member;group-leader'],
  ['sun-li', '孙丽', 'full', 'group-1', 'dept-general', 'member'],
  ['li-haiming', '李海明', 'full', 'group-1', 'dept-office', 'member;appraisal-office'],
  ['wu-jing', '吴静', 'non-party', '', 'dept-office', 'member'],
  ['zheng-yan', '郑艳', 'full', 'group-1', 'dept-general', 'member'],
  ['feng-xue', '冯雪', 'probationary', 'group-1', 'dept-general', 'member'],
  ['gao-peng', '高鹏', 'full', 'group-2', 'dept-population', 'member;group-leader'],
  ['he-min', '何敏', 'full', 'group-2', 'dept-population', 'member'],
  ['ma-lin', '马琳', 'full', 'group-2', 'dept-population', 'member'],
  ['luo-qiang', '罗强', 'full', 'group-2', 'dept-population', 'member;auditor'],
  ['liang-shu', '梁淑', 'probationary', 'group-2', 'dept-population', 'member'],
  ['song-tao', '宋涛', 'non-party', '', 'dept-population', 'member'],
  ['xie-hua', '谢华', 'full', 'group-3', 'dept-rural', 'member;group-leader'],
  ['han-dong', '韩冬', 'full', 'group-3', 'dept-rural', 'member'],
  ['tang-li', '唐莉', 'full', 'group-3', 'dept-rural', 'member'],
  ['cao-jun', '曹军', 'full', 'group-3', 'dept-rural', 'member;appraisal-office'],
  ['xu-fang', '许芳', 'full', 'group-3', 'dept-rural', 'member'],
  ['deng-wei', '邓伟', 'non-party', '', 'dept-rural', 'member'],
  ['peng-bo', '彭波', 'full', 'group-4', 'dept-industry', 'member;branch-secretary'],
  ['zeng-hui', '曾辉', 'full', 'group-4', 'dept-industry', 'member;group-leader'],
  ['xiao-yun', '萧云', 'full', 'group-4', 'dept-industry', 'member'],
  ['tian-ye', '田野', 'full', 'group-4', 'dept-industry', 'member'],
  ['dong-qian', '董倩', 'probationary', 'group-4', 'dept-industry', 'member'],
  ['yuan-ming', '袁明', 'full', 'group-4', 'dept-industry', 'member'],
  ['pan-gang', '潘刚', 'non-party', '', 'dept-industry', 'member'],
  ['du-juan', '杜娟', 'full', 'group-5', 'dept-enforcement', 'member;group-leader'],
  ['jiang-hai', '蒋海', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['cai-ning', '蔡宁', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['jia-rui', '贾瑞', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['ding-xin', '丁鑫', 'probationary', 'group-5', 'dept-enforcement', 'member'],
  ['wei-lan', '魏兰', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['xue-bin', '薛斌', 'non-party', '', 'dept-enforcement', 'member'],
  ['ye-qing', '叶青', 'full', 'group-2', 'dept-general', 'member;bureau-admin'],
  ['yan-ke', '阎珂', 'full', 'group-3', 'dept-rural', 'member'],
  ['yu-hang', '余航', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['lu-yao', '卢瑶', 'non-party', '', 'dept-general', 'member'],
];

/** Non-party staff take part through the branch of their department. */
const STAFF_BRANCH: Record<string, string> = { 'dept-industry': 'branch-2', 'dept-enforcement': 'branch-2' };

/** Leaders of the party organisation, for the review steps of the demo. */
export const GROUP_LEADERS: Record<string, string> = { 'group-1': 'zhao-jingang', 'group-2': 'gao-peng', 'group-3': 'xie-hua', 'group-4': 'zeng-hui', 'group-5': 'du-juan' };
export const BRANCH_SECRETARIES: Record<string, string> = { 'branch-1': 'wang-xiaodong', 'branch-2': 'peng-bo' };
export const BRANCH_OF_GROUP: Record<string, string> = { 'group-1': 'branch-1', 'group-2': 'branch-1', 'group-3': 'branch-1', 'group-4': 'branch-2', 'group-5': 'branch-2' };
export const branchOf = (person: { groupId: string; departmentId: string }) => (person.groupId ? BRANCH_OF_GROUP[person.groupId]! : (STAFF_BRANCH[person.departmentId] ?? 'branch-1'));

/** The directory as a CSV for the pledge service's import (keys become ids). */
export function demoDirectoryCsv(): string {
  const rows = ['record,key,name,type,parent,partyStatus,branch,group,department,roles'];
  for (const [key, name, type, parent] of units) rows.push(`unit,${key},${name},${type},${parent},,,,,`);
  for (const [key, name, status, group, dept, roles] of people) rows.push(`member,${key},${name},,,${status},${group ? '' : STAFF_BRANCH[dept] ?? 'branch-1'},${group},${dept},${roles}`);
  return `${rows.join('\n')}\n`;
}

export const DEMO_PEOPLE = people.map(([memberId, name, partyStatus, groupId, departmentId, roles]) => ({ memberId, name, partyStatus, groupId, departmentId, roles: roles.split(';') }));

/** One demo account per role; all share the demo password printed at start. */
export const DEMO_ACCOUNTS = [
  { username: 'member', memberId: 'sun-li', roles: ['member'] },
  { username: 'leader', memberId: 'zhao-jingang', roles: ['member', 'group-leader'] },
  { username: 'secretary', memberId: 'wang-xiaodong', roles: ['member', 'branch-secretary'] },
  { username: 'appraiser', memberId: 'li-haiming', roles: ['member', 'appraisal-office'] },
  { username: 'leading', memberId: 'zhou-jianguo', roles: ['member', 'leading-group'] },
  { username: 'auditor', memberId: 'luo-qiang', roles: ['member', 'auditor'] },
  { username: 'bureau-admin', memberId: 'ye-qing', roles: ['member', 'bureau-admin'] },
] as const;

const COMMON = [
  ['theory-study', '每月精读一本理论著作，撰写学习心得', '全年12篇心得'],
  ['work-style', '深入基层调研，帮助统计基层单位解决实际问题', '全年调研不少于6次'],
  ['discipline', '严守统计法律法规，杜绝统计造假', '全年零违规'],
  ['ethics', '带头弘扬社会公德，积极参加志愿服务', '全年志愿服务40小时'],
] as const;
const POSITION = [
  ['按时高质量完成月度统计报表的审核与上报', '差错率低于千分之一'],
  ['把人口抽样调查做到全省一流', '数据质量全省前三'],
  ['推进联网直报，提高企业一套表上报率', '上报率达到99%'],
  ['完善农村住户调查样本轮换', '按期完成样本轮换'],
  ['开展统计执法检查，规范统计秩序', '完成执法检查30家'],
] as const;
const DEEDS = [
  ['student-aid', '资助一名家庭困难学生完成学业', { type: 'school', name: '环翠区望岛小学' }],
  ['village-support', '联系帮扶一户困难群众，帮助发展生产', { type: 'village', name: '文登区界石镇东院村' }],
  ['community-volunteering', '到共建社区开展统计知识宣传', { type: 'community', name: '竹岛街道古寨社区' }],
  ['blood-donation-and-charity', '参加无偿献血和慈善一日捐', { type: 'other', name: '威海市红十字会' }],
] as const;

/**
 * A book's items: one common, one position and one deed item, varied by the member's place. The
 * position item carries the province-first-rank benchmark the programme rules ask for.
 */
export function demoItems(seed: number): Array<Record<string, unknown>> {
  const [area, text, target] = COMMON[seed % COMMON.length]!;
  const [positionText, positionTarget] = POSITION[seed % POSITION.length]!;
  const [category, deedText, beneficiary] = DEEDS[seed % DEEDS.length]!;
  return [
    { kind: 'common', area, text, target },
    { kind: 'position', text: positionText, target: positionTarget, benchmark: true },
    { kind: 'deed', category, text: deedText, target: '全年不少于4次', beneficiary: { ...beneficiary, arrangedByBranch: seed % 2 === 0 }, dueQuarter: ((seed % 4) + 1) as 1 | 2 | 3 | 4 },
  ];
}
