import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Empty, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { hasRole, useUser } from '../../auth/useSession';
import { useNames } from '../../api/directory';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useYear } from '../member/useYear';
import { useSelections } from './api';
import { useMoreI18n } from './more-i18n';
import { NoticeObjections } from './NoticeObjections';
import type { Selection } from './types';

/**
 * 评选公示与异议: every selection of the year on notice, for everyone in the bureau (ADR 0084).
 * Anyone raises an objection to a member selected while the notice runs; the leading group sees
 * who objected and what they wrote, decides each one with a reason and then announces.
 */
export default function ObjectionsPage() {
  const { t } = useMoreI18n();
  const user = useUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const selections = useSelections(year);
  const rewarder = hasRole(user, ['leading-group', 'branch-secretary', 'appraisal-office', 'bureau-admin']);
  const shown = (selections.data ?? []).filter((s: Selection) => s.status === 'on-notice');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('more.notices')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      <Alert type="info" showIcon message={t('more.noticesHint')} />
      {selections.error && <ProblemAlert error={selections.error} />}
      {selections.isLoading && <Loading />}
      {selections.data && shown.length === 0 && <Empty description={t('more.noNotice')} />}
      {shown.map((s) => (
        <Card
          key={s.selectionId}
          title={<CardTitle>{`${s.title ?? s.honour?.title ?? t('reward.selection')}（${t('reward.noticePeriod')} ${s.notice?.startsOn ?? ''} — ${s.notice?.endsOn ?? ''}）`}</CardTitle>}
          extra={rewarder && <Link to={`/reward/selections/${s.selectionId}`}>{t('reward.selection')}</Link>}
        >
          <Typography.Paragraph>
            {t('reward.selected')}：{(s.decision?.selected ?? []).map(names).join('、')}
          </Typography.Paragraph>
          <NoticeObjections selectionId={s.selectionId} onChanged={() => void queryClient.invalidateQueries({ queryKey: ['reward'] })} />
        </Card>
      ))}
    </Space>
  );
}
