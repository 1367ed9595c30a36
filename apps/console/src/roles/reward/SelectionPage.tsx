import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Steps, Table, Tag } from 'antd';
import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { apiText } from '../../api/client';
import { useNames } from '../../api/directory';
import { useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { useSelection } from './api';
import { rewardText, selectionStep } from './reward-helpers';
import { RewardNav } from './RewardNav';
import { SelectionActions } from './SelectionActions';
import { RewardTag } from './tags';

/** One selection: the honour, those the results propose, the nominations, the decision, the notice and the printable announcement. */
export default function SelectionPage() {
  const { selectionId = '' } = useParams();
  const { t, locale, label } = useI18n();
  const user = useUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const selection = useSelection(selectionId);
  const s = selection.data;
  const decided = !!s && s.status !== 'open';
  const announcement = useQuery({
    queryKey: ['reward', 'announcement', selectionId, s?.revision],
    enabled: decided,
    queryFn: async () => (await apiText('/api/v1/rewards/selections/{selectionId}/announcement', { path: { selectionId } })).data,
  });
  const frame = useRef<HTMLIFrameElement>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['reward'] });

  if (selection.error) return <ProblemAlert error={selection.error} />;
  if (!s) return <Loading />;
  const honour = s.honour;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <RewardNav title={s.title ?? honour?.title ?? t('reward.selection')} extra={<Link to={`/reward?year=${s.year}`}>{t('reward.backToSelections')}</Link>} />
      <Steps
        size="small"
        current={selectionStep(s.status)}
        items={[{ title: t('reward.status.open') }, { title: t('reward.status.decided') }, { title: t('reward.status.on-notice') }, { title: t('reward.status.announced') }]}
      />
      <Card title={<CardTitle>{t('reward.honour')}</CardTitle>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('reward.honour')}>{honour?.title}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <RewardTag value={s.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.year')}>{s.year}</Descriptions.Item>
          <Descriptions.Item label={t('reward.quota')}>{s.quota}</Descriptions.Item>
          <Descriptions.Item label={t('reward.eligibleGrades')}>{honour?.eligibleGrades.map((g) => label('grade', g)).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('reward.reward')}>
            {rewardText(honour?.reward, label, locale)}
          </Descriptions.Item>
          {s.notice && <Descriptions.Item label={t('reward.noticePeriod')}>{`${s.notice.startsOn} — ${s.notice.endsOn}`}</Descriptions.Item>}
          {s.announcedAt && <Descriptions.Item label={t('reward.announcedAt')}>{formatDateTime(s.announcedAt, locale)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={<CardTitle>{t('reward.proposed')}</CardTitle>}>
        <Table
          size="small"
          rowKey="memberId"
          dataSource={s.proposed}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reward.noneProposed') }}
          columns={[
            { title: t('common.name'), key: 'name', render: (_, p) => names(p.memberId) },
            { title: t('reward.grade'), key: 'grade', render: (_, p) => <Tag>{label('grade', p.grade)}</Tag> },
            { title: t('reward.basis'), key: 'basis', render: (_, p) => p.basis.join('、') },
          ]}
        />
      </Card>
      <Card title={<CardTitle>{t('reward.nominations')}</CardTitle>}>
        <Table
          size="small"
          rowKey="memberId"
          dataSource={s.nominations}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reward.noNomination') }}
          columns={[
            { title: t('common.name'), key: 'name', render: (_, n) => names(n.memberId) },
            { title: t('reward.grade'), key: 'grade', render: (_, n) => (n.grade ? <Tag>{label('grade', n.grade)}</Tag> : t('reward.noResult')) },
            { title: t('reward.nominatedBy'), key: 'by', render: (_, n) => `${names(n.by)}（${label('role', n.byRole)}）` },
            { title: t('review.reason'), dataIndex: 'reason' },
            { title: t('reward.selected'), key: 'selected', render: (_, n) => (s.decision?.selected.includes(n.memberId) ? <Tag color="success">{t('reward.selected')}</Tag> : '') },
          ]}
        />
      </Card>
      {s.decision && (
        <Card title={<CardTitle>{t('reward.decision')}</CardTitle>}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('review.meetingDate')}>{s.decision.meeting.date}</Descriptions.Item>
            <Descriptions.Item label={t('review.attendees')}>{s.decision.meeting.attendees.map(names).join('、')}</Descriptions.Item>
            {s.decision.meeting.minutes && <Descriptions.Item label={t('reward.minutes')}>{s.decision.meeting.minutes}</Descriptions.Item>}
            <Descriptions.Item label={t('reward.selected')}>{s.decision.selected.map(names).join('、')}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <SelectionActions selection={s} user={user} onChanged={refresh} />
      {decided && (
        <Card
          title={<CardTitle>{t('reward.announcement')}</CardTitle>}
          extra={announcement.data && <Button onClick={() => frame.current?.contentWindow?.print()}>{t('common.print')}</Button>}
        >
          {announcement.error && <ProblemAlert error={announcement.error} />}
          {announcement.data ? <iframe ref={frame} title={t('reward.announcement')} className="announcement-frame" srcDoc={announcement.data} style={{ width: '100%', minHeight: 480, border: '1px solid #ddd' }} /> : !announcement.error && <Loading />}
        </Card>
      )}
    </Space>
  );
}
