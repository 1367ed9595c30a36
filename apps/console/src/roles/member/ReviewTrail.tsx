import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useNames } from '../../api/directory';
import type { Review } from '../../api/views';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';

/** Every review round: comments, the group's evaluation with notes per item, the branch meeting and its verdicts. */
export function ReviewTrail({ review }: { review?: Review }) {
  const { t, locale } = useI18n();
  const names = useNames();
  const title = <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('book.reviewTrail')}</Typography.Title>;
  if (!review || review.rounds.length === 0) return <Card title={title}><Empty description={t('common.none')} /></Card>;
  return (
    <Card title={title}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {[...review.rounds].reverse().map((round) => (
          <Card key={round.round} size="small" type="inner" title={t('review.round', { round: round.round })} extra={formatDateTime(round.openedAt, locale)}>
            <Timeline
              items={[
                ...round.comments.map((c) => ({ key: c.commentId, children: <><Typography.Text strong>{names(c.by)}</Typography.Text>（{formatDateTime(c.at, locale)}）：{c.text}</> })),
                ...(round.group
                  ? [{
                      key: 'group',
                      color: round.group.decision === 'forward' ? 'green' : 'orange',
                      children: (
                        <>
                          <Typography.Text strong>{t('book.groupEvaluation')}</Typography.Text> · {names(round.group.by)} · {formatDateTime(round.group.at, locale)}
                          <div>
                            <Tag color={round.group.decision === 'forward' ? 'green' : 'orange'}>{round.group.decision === 'forward' ? t('review.forward') : t('review.returnToMember')}</Tag>
                            {round.group.evaluation}
                          </div>
                          {(round.group.notes ?? []).map((n) => (
                            <div key={n.itemNo}>{t('common.item', { no: n.itemNo })}：{n.note}</div>
                          ))}
                        </>
                      ),
                    }]
                  : []),
                ...(round.branch
                  ? [{
                      key: 'branch',
                      color: round.branch.decision === 'approve' ? 'green' : 'orange',
                      children: (
                        <>
                          <Typography.Text strong>{t('book.branchDecision')}</Typography.Text> · {names(round.branch.by)} · {t('review.meetingDate')} {round.branch.meeting.date}
                          <div>{t('review.attendees')}：{round.branch.meeting.attendees.map(names).join('、')}</div>
                          {round.branch.verdicts.map((v) => (
                            <div key={v.itemNo}>
                              {t('common.item', { no: v.itemNo })}：<Tag color={v.verdict === 'approved' ? 'green' : 'orange'}>{v.verdict === 'approved' ? t('review.approveItem') : t('review.reviseItem')}</Tag>
                              {v.reason}
                            </div>
                          ))}
                        </>
                      ),
                    }]
                  : []),
              ]}
            />
          </Card>
        ))}
      </Space>
    </Card>
  );
}
