import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { apiGet, apiPost } from '../../api/client';
import { useNames } from '../../api/directory';
import { checkEvidenceBlob } from '../../api/evidence';
import { useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { EvidenceThumbs } from '../../ui/EvidenceThumbs';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { BASE } from '../appraisal/api';
import { ExplanationView } from '../appraisal/ExplanationView';
import { AppraisalTag } from '../appraisal/tags';
import type { Half, MemberYear, Rating } from '../appraisal/types';
import { useAction } from '../appraisal/useAction';
import { useYear } from './useYear';

const RATINGS: Rating[] = ['good', 'fair', 'average', 'poor'];

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/**
 * My appraisal year: the monthly checks of my items (with the leader's photos and scans), my
 * reminder talks, and each half's result with its explanation; my self-assessment once given.
 */
export default function MyAppraisalPage() {
  const { t, label, locale } = useI18n();
  const { bureauId, memberId } = useUser();
  const names = useNames();
  const [year, setYear] = useYear();
  const action = useAction();
  const selfAction = useAction();
  const [objecting, setObjecting] = useState<Half>();
  const [text, setText] = useState('');
  const [ratings, setRatings] = useState<Partial<Record<Half, Rating>>>({});
  const [assessed, setAssessed] = useState<Partial<Record<Half, boolean>>>({});
  const mine = useQuery({
    queryKey: ['appraisal', 'member-year', bureauId, memberId, year],
    queryFn: async () => (await apiGet<MemberYear>(`${BASE}/members/{memberId}/years/{year}`, { path: { bureauId, memberId, year: String(year) } })).data,
  });
  const object = async () => {
    if (!objecting) return;
    const ok = await action.run(
      'object',
      async () => {
        await apiPost(`${BASE}/rounds/{year}/{half}/objections`, { memberId, text }, { path: { bureauId, year: String(year), half: objecting } });
      },
      t('appraisal.objectionRaised'),
    );
    if (ok) {
      setObjecting(undefined);
      setText('');
    }
  };
  // The self-assessment of the democratic evaluation: once, while the office scores the round.
  const assess = async (half: Half) => {
    const ok = await selfAction.run(
      `self-${half}`,
      async () => {
        await apiPost(`${BASE}/rounds/{year}/{half}/self-assessment`, { rating: ratings[half] ?? 'good' }, { path: { bureauId, year: String(year), half } });
      },
      t('appraisal.selfRecorded'),
    );
    if (ok) {
      setAssessed((a) => ({ ...a, [half]: true }));
      // The year answers it back with when it was recorded (shown after a reload too).
      void mine.refetch();
    }
  };
  const data = mine.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.myTitle')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      {mine.error && <ProblemAlert error={mine.error} />}
      {mine.isLoading && <Loading />}
      {data && (
        <>
          <Card title={h2(t('appraisal.myResults'))}>
            {data.rounds.length === 0 && <Empty description={t('appraisal.noMyRound')} />}
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              {data.rounds.map((r) => (
                <section key={r.half} aria-label={t(`appraisal.half.${r.half}`)} data-testid={`my-round-${r.half}`}>
                  <Space wrap style={{ marginBottom: 8 }}>
                    <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
                      {t(`appraisal.half.${r.half}`)}
                    </Typography.Title>
                    <AppraisalTag value={r.status} />
                    {r.status === 'on-notice' && r.explanation?.result?.status === 'on-notice' && (
                      <Button size="small" onClick={() => setObjecting(r.half)}>
                        {t('appraisal.raiseObjection')}
                      </Button>
                    )}
                  </Space>
                  {r.status === 'scoring' && selfAction.failure && <ProblemAlert error={selfAction.failure.error} messages={selfAction.failure.lines} onReload={() => void mine.refetch()} />}
                  {r.selfAssessment ? (
                    <Card size="small" type="inner" title={t('appraisal.selfTitle')} style={{ marginBottom: 8 }} data-testid={`my-self-${r.half}`}>
                      <Descriptions
                        size="small"
                        column={{ xs: 1, sm: 2 }}
                        items={[
                          { key: 'rating', label: t('appraisal.selfRating'), children: label('rating', r.selfAssessment.rating) },
                          { key: 'at', label: t('appraisal.selfRecordedAt'), children: formatDateTime(r.selfAssessment.recordedAt, locale) },
                        ]}
                      />
                      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                        {t('appraisal.selfFinal')}
                      </Typography.Paragraph>
                    </Card>
                  ) : (
                    r.status === 'scoring' &&
                    (assessed[r.half] ? (
                      <Alert type="success" showIcon title={t('appraisal.selfRecorded')} style={{ marginBottom: 8 }} />
                    ) : (
                      <Card size="small" type="inner" title={t('appraisal.selfTitle')} style={{ marginBottom: 8 }}>
                        <Typography.Paragraph type="secondary">{t('appraisal.selfHint')}</Typography.Paragraph>
                        <Space wrap>
                          <label htmlFor={`self-rating-${r.half}`}>{t('appraisal.selfRating')}</label>
                          <Select id={`self-rating-${r.half}`} style={{ width: 120 }} value={ratings[r.half] ?? 'good'} onChange={(v) => setRatings((x) => ({ ...x, [r.half]: v }))} options={RATINGS.map((v) => ({ value: v, label: label('rating', v) }))} />
                          <Button type="primary" loading={selfAction.busy === `self-${r.half}`} onClick={() => void assess(r.half)}>
                            {t('appraisal.selfSubmit')}
                          </Button>
                        </Space>
                      </Card>
                    ))
                  )}
                  {r.explanation ? <ExplanationView explanation={r.explanation} /> : <Typography.Paragraph type="secondary">{t('appraisal.beingScored')}</Typography.Paragraph>}
                </section>
              ))}
            </Space>
          </Card>
          <Card title={h2(t('appraisal.myChecks'))}>
            <Table
              size="small"
              rowKey="month"
              dataSource={data.checks}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('appraisal.noCheck') }}
              columns={[
                { title: t('appraisal.month'), dataIndex: 'month' },
                {
                  title: t('appraisal.itemStatuses'),
                  key: 'items',
                  render: (_, c) => (
                    <Space wrap size={4}>
                      {(c.items ?? []).map((i) => (
                        <span key={`${i.pledgeId}-${i.itemNo}`}>
                          {t('common.item', { no: i.itemNo })} <AppraisalTag value={i.status} prefix="itemStatus" />
                        </span>
                      ))}
                    </Space>
                  ),
                },
                { title: t('appraisal.note'), dataIndex: 'note' },
                {
                  title: t('appraisal.checkEvidence'),
                  key: 'evidence',
                  render: (_, c) => <EvidenceThumbs files={c.attachments} scope={`check:${c.groupId}:${c.month}`} fetchFile={(sha256) => checkEvidenceBlob(bureauId, c.groupId, c.month, sha256)} />,
                },
                { title: t('appraisal.recordedBy'), key: 'by', render: (_, c) => names(c.recordedBy) },
                { title: t('appraisal.corrections'), dataIndex: 'corrections' },
              ]}
            />
          </Card>
          <Card title={h2(t('appraisal.myTalks'))}>
            <Table
              size="small"
              rowKey="talkId"
              dataSource={data.talks}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('appraisal.noTalk') }}
              columns={[
                { title: t('appraisal.quarter'), key: 'q', render: (_, k) => t('appraisal.quarterLabel', { q: k.quarter }) },
                { title: t('appraisal.dueOn'), dataIndex: 'dueOn' },
                { title: t('common.status'), key: 'status', render: (_, k) => <Space size={4}><AppraisalTag value={k.status} />{k.overdue && <Tag color="red">{t('common.overdue')}</Tag>}</Space> },
                { title: t('appraisal.heldOn'), dataIndex: 'heldOn' },
                { title: t('appraisal.talkedBy'), key: 'by', render: (_, k) => (k.talkedBy ?? []).map(names).join('、') },
                { title: t('appraisal.followUpOn'), dataIndex: 'followUpOn' },
              ]}
            />
          </Card>
        </>
      )}
      <Modal
        open={!!objecting}
        title={t('appraisal.raiseObjection')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={action.busy === 'object'}
        onCancel={() => setObjecting(undefined)}
        onOk={() => void object()}
      >
        {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} />}
        <Typography.Paragraph type="secondary">{t('appraisal.objectionPrivacy')}</Typography.Paragraph>
        <label htmlFor="objection-text">{t('appraisal.objectionText')}</label>
        <Input.TextArea id="objection-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      </Modal>
    </Space>
  );
}
