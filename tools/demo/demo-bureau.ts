// The demo bureau: a city statistics bureau as the seed report describes one — its leading
// party group and leadership team, the appraisal office, two party branches with five party
// groups, departments, and about forty people (full and probationary members, non-party staff).

import { programmeYearOf } from '@pledgebook/pledge-domain';

export const DEMO_BUREAU = { bureauId: 'weihai-stats', name: '威海市統計局', level: 'city' } as const;
/** Books are drafted for an open programme year: the current one (last year's are entered late). */
export const DEMO_YEAR = programmeYearOf(new Date().toISOString());

/** A date of the demo's story, but never one still to come (deeds and meetings cannot be in the future). */
export function notAfterToday(date: string): string {
  const today = new Date().toISOString().slice(0, 10);
  return date < today ? date : today;
}

const units = [
  ['leading-party-group', '局黨組', 'leading-party-group', ''],
  ['leadership-team', '局領導班子', 'leadership-team', ''],
  ['appraisal-office', '承諾考評辦公室', 'appraisal-office', ''],
  ['branch-1', '機關第一黨支部', 'party-branch', ''],
  ['branch-2', '機關第二黨支部', 'party-branch', ''],
  ['group-1', '綜合黨小組', 'party-group', 'branch-1'],
  ['group-2', '人口就業黨小組', 'party-group', 'branch-1'],
  ['group-3', '農村統計黨小組', 'party-group', 'branch-1'],
  ['group-4', '工業交通黨小組', 'party-group', 'branch-2'],
  ['group-5', '執法監督黨小組', 'party-group', 'branch-2'],
  ['dept-office', '辦公室', 'department', ''],
  ['dept-general', '綜合統計科', 'department', ''],
  ['dept-population', '人口和就業統計科', 'department', ''],
  ['dept-rural', '農村統計科', 'department', ''],
  ['dept-industry', '工業交通統計科', 'department', ''],
  ['dept-enforcement', '統計執法監督科', 'department', ''],
] as const;

/** key, name, party status, group, department, roles (first role first). */
const people: ReadonlyArray<readonly [string, string, 'full' | 'probationary' | 'non-party', string, string, string]> = [
  ['zhou-jianguo', '周建國', 'full', 'group-1', 'dept-office', 'member;leading-group'],
  ['liu-hongmei', '劉紅梅', 'full', 'group-2', 'dept-general', 'member;leading-group'],
  ['chen-zhiqiang', '陳志強', 'full', 'group-4', 'dept-industry', 'member;leading-group'],
  ['wang-xiaodong', '王曉東', 'full', 'group-1', 'dept-office', 'member;branch-secretary'],
  ['zhao-jingang', '趙金剛', 'full', 'group-1', 'dept-general', 'member;group-leader'],
  ['sun-li', '孫麗', 'full', 'group-1', 'dept-general', 'member'],
  ['li-haiming', '李海明', 'full', 'group-1', 'dept-office', 'member;appraisal-office'],
  ['wu-jing', '吳靜', 'non-party', '', 'dept-office', 'member'],
  ['zheng-yan', '鄭豔', 'full', 'group-1', 'dept-general', 'member'],
  ['feng-xue', '馮雪', 'probationary', 'group-1', 'dept-general', 'member'],
  ['gao-peng', '高鵬', 'full', 'group-2', 'dept-population', 'member;group-leader'],
  ['he-min', '何敏', 'full', 'group-2', 'dept-population', 'member'],
  ['ma-lin', '馬琳', 'full', 'group-2', 'dept-population', 'member'],
  ['luo-qiang', '羅強', 'full', 'group-2', 'dept-population', 'member;auditor'],
  ['liang-shu', '梁淑', 'probationary', 'group-2', 'dept-population', 'member'],
  ['song-tao', '宋濤', 'non-party', '', 'dept-population', 'member'],
  ['xie-hua', '謝華', 'full', 'group-3', 'dept-rural', 'member;group-leader'],
  ['han-dong', '韓冬', 'full', 'group-3', 'dept-rural', 'member'],
  ['tang-li', '唐莉', 'full', 'group-3', 'dept-rural', 'member'],
  ['cao-jun', '曹軍', 'full', 'group-3', 'dept-rural', 'member;appraisal-office'],
  ['xu-fang', '許芳', 'full', 'group-3', 'dept-rural', 'member'],
  ['deng-wei', '鄧偉', 'non-party', '', 'dept-rural', 'member'],
  ['peng-bo', '彭波', 'full', 'group-4', 'dept-industry', 'member;branch-secretary'],
  ['zeng-hui', '曾輝', 'full', 'group-4', 'dept-industry', 'member;group-leader'],
  ['xiao-yun', '蕭雲', 'full', 'group-4', 'dept-industry', 'member'],
  ['tian-ye', '田野', 'full', 'group-4', 'dept-industry', 'member'],
  ['dong-qian', '董倩', 'probationary', 'group-4', 'dept-industry', 'member'],
  ['yuan-ming', '袁明', 'full', 'group-4', 'dept-industry', 'member'],
  ['pan-gang', '潘剛', 'non-party', '', 'dept-industry', 'member'],
  ['du-juan', '杜娟', 'full', 'group-5', 'dept-enforcement', 'member;group-leader'],
  ['jiang-hai', '蔣海', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['cai-ning', '蔡寧', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['jia-rui', '賈瑞', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['ding-xin', '丁鑫', 'probationary', 'group-5', 'dept-enforcement', 'member'],
  ['wei-lan', '魏蘭', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['xue-bin', '薛斌', 'non-party', '', 'dept-enforcement', 'member'],
  ['ye-qing', '葉青', 'full', 'group-2', 'dept-general', 'member;bureau-admin'],
  ['yan-ke', '閻珂', 'full', 'group-3', 'dept-rural', 'member'],
  ['yu-hang', '余航', 'full', 'group-5', 'dept-enforcement', 'member'],
  ['lu-yao', '盧瑤', 'non-party', '', 'dept-general', 'member'],
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
  ['theory-study', '每月精讀一本理論著作，撰寫學習心得', '全年12篇心得'],
  ['work-style', '深入基層調研，幫助統計基層單位解決實際問題', '全年調研不少於6次'],
  ['discipline', '嚴守統計法律法規，杜絕統計造假', '全年零違規'],
  ['ethics', '帶頭弘揚社會公德，積極參加志願服務', '全年志願服務40小時'],
] as const;
const POSITION = [
  ['按時高質量完成月度統計報表的審核與上報', '差錯率低於千分之一'],
  ['把人口抽樣調查做到全省一流', '數據質量全省前三'],
  ['推進聯網直報，提高企業一套表上報率', '上報率達到99%'],
  ['完善農村住戶調查樣本輪換', '按期完成樣本輪換'],
  ['開展統計執法檢查，規範統計秩序', '完成執法檢查30家'],
] as const;
const DEEDS = [
  ['student-aid', '資助一名家庭困難學生完成學業', { type: 'school', name: '環翠區望島小學' }],
  ['village-support', '聯繫幫扶一戶困難群眾，幫助發展生產', { type: 'village', name: '文登區界石鎮東院村' }],
  ['community-volunteering', '到共建社區開展統計知識宣傳', { type: 'community', name: '竹島街道古寨社區' }],
  ['blood-donation-and-charity', '參加無償獻血和慈善一日捐', { type: 'other', name: '威海市紅十字會' }],
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
    { kind: 'deed', category, text: deedText, target: '全年不少於4次', beneficiary: { ...beneficiary, arrangedByBranch: seed % 2 === 0 }, dueQuarter: ((seed % 4) + 1) as 1 | 2 | 3 | 4 },
  ];
}
