import { Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../api/client';
import { useNames } from '../../api/directory';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { BASE, useScheme } from './api';
import type { Round } from './types';
import { useAction } from './useAction';

const RATINGS = ['good', 'fair', 'average', 'poor'] as const;
type Counts = Record<(typeof RATINGS)[number], number | null>;
type Values = { tallies: Array<{ counts: Counts }> };

/** The subjects of a round by party group (the groups whose peers count for them). */
export function subjectGroups(round: Pick<Round, 'subjects'>): Array<{ groupId: string; memberIds: string[] }> {
  const groups = new Map<string, string[]>();
  for (const s of round.subjects) if (s.groupId) groups.set(s.groupId, [...(groups.get(s.groupId) ?? []), s.memberId]);
  return [...groups].map(([groupId, memberIds]) => ({ groupId, memberIds })).sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/**
 * The office enters a party group's peer evaluation as counted at its meeting: for each member of
 * the group appraised in the round, the votes for 好/较好/一般/差. Field names follow the body
 * (`tallies/0/counts/good`), so a 400/422 lands beside its field; a 409/412 offers a reload.
 */
export function PeerTallyCard({ round, onChanged }: { round: Round & { etag?: string }; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { bureauId } = useUser();
  const names = useNames();
  const [form] = Form.useForm<Values>();
  const action = useAction(form);
  const open = subjectGroups(round).filter((g) => !round.scoring.peerGroups.includes(g.groupId));
  const [chosen, setChosen] = useState<string>();
  const group = open.find((g) => g.groupId === chosen) ?? open[0];
  const scheme = useScheme(round.year, round.schemeVersion);
  const record = (v: Values) =>
    action.run(
      'peers',
      async () => {
        const tallies = group!.memberIds.map((memberId, i) => ({
          memberId,
          counts: Object.fromEntries(RATINGS.map((r) => [r, v.tallies?.[i]?.counts?.[r] ?? 0])) as Record<(typeof RATINGS)[number], number>,
        }));
        await apiPost(`${BASE}/rounds/{year}/{half}/peer-tallies`, { groupId: group!.groupId, tallies }, { path: { bureauId, year: String(round.year), half: round.half }, headers: round.etag ? { 'if-match': round.etag } : undefined });
        form.resetFields();
        onChanged();
      },
      t('appraisal.peerRecorded'),
    );
  // Tallies feed the scheme's democratic evaluation; a scheme without one has nothing to count.
  if (!scheme.data?.content?.criteria.some((c) => c.source === 'entered' && c.kind === 'democratic-evaluation')) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('appraisal.peerTitle')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('appraisal.peerHint')}</Typography.Paragraph>
      {round.scoring.peerGroups.length > 0 && <Typography.Paragraph>{t('appraisal.peerDone', { groups: round.scoring.peerGroups.map(names).join('、') })}</Typography.Paragraph>}
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onChanged} />}
      {group && (
        <Form form={form} layout="vertical" key={group.groupId} onFinish={(v) => void record(v)}>
          <Form.Item label={t('appraisal.peerGroup')}>
            <Select aria-label={t('appraisal.peerGroup')} value={group.groupId} onChange={setChosen} style={{ width: 220 }} options={open.map((g) => ({ value: g.groupId, label: names(g.groupId) }))} />
          </Form.Item>
          <Table
            size="small"
            rowKey={(memberId) => memberId}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={group.memberIds}
            columns={[
              { title: t('common.name'), key: 'name', render: (_, memberId) => names(memberId) },
              ...RATINGS.map((r) => ({
                title: label('rating', r),
                key: r,
                render: (_: unknown, memberId: string, i: number) => (
                  <Form.Item name={['tallies', i, 'counts', r]} style={{ margin: 0 }}>
                    <InputNumber min={0} max={100_000} precision={0} aria-label={t('appraisal.votesOf', { name: names(memberId), rating: label('rating', r) })} style={{ width: 90 }} />
                  </Form.Item>
                ),
              })),
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={action.busy === 'peers'}>
              {t('appraisal.peerSubmit')}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
