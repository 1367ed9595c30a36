import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { apiPost, apiPut } from '../../api/client';
import { useNames } from '../../api/directory';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { BASE, useScheme } from './api';
import { isMissing } from './round-helpers';
import { scoredByHand } from './scheme-form';
import type { Round } from './types';
import { useAction } from './useAction';

type Entry = { kind: 'score' | 'bonus' | 'deduction' | 'veto'; itemId: string; points?: number; note?: string };

/** The office's scoring: the criteria it enters for each member, bonuses, deductions and vetoes, and the democratic evaluation's progress. */
export function ScoringCard({ round, onChanged }: { round: Round & { etag?: string }; onChanged: () => void }) {
  const { t } = useI18n();
  const { bureauId } = useUser();
  const names = useNames();
  const scheme = useScheme(round.year, round.schemeVersion);
  const [form] = Form.useForm<Entry>();
  const action = useAction(form);
  const [member, setMember] = useState<string>();
  const [codes, setCodes] = useState<string[]>();
  const content = scheme.data?.content;
  const byHand = scoredByHand(content);
  const path = { bureauId, year: String(round.year), half: round.half };
  const kind = Form.useWatch('kind', form);
  const missing = round.scoring.missing;
  const subjects = round.status === 'scoring' ? round.subjects : round.subjects.filter((s) => missing?.some((m) => m.memberId === s.memberId));
  const items = (k: Entry['kind'] | undefined) =>
    k === 'bonus' ? content?.bonuses : k === 'deduction' ? content?.deductions : k === 'veto' ? content?.vetoes : byHand.map((c) => ({ id: c.id, label: `${c.label}（${t('appraisal.max')} ${c.maxPoints}）` }));

  const enter = (v: Entry) =>
    action.run(
      'enter',
      async () => {
        const at = { path: { ...path, memberId: member! } };
        const note = v.note ?? '';
        if (v.kind === 'score') await apiPut(`${BASE}/rounds/{year}/{half}/members/{memberId}/scores/{criterionId}`, { points: v.points ?? 0, note }, { path: { ...at.path, criterionId: v.itemId } });
        if (v.kind === 'bonus') await apiPut(`${BASE}/rounds/{year}/{half}/members/{memberId}/bonuses/{bonusId}`, { points: v.points ?? 0, reason: note }, { path: { ...at.path, bonusId: v.itemId } });
        if (v.kind === 'deduction') await apiPut(`${BASE}/rounds/{year}/{half}/members/{memberId}/deductions/{deductionId}`, { points: v.points ?? 0, reason: note }, { path: { ...at.path, deductionId: v.itemId } });
        if (v.kind === 'veto') await apiPost(`${BASE}/rounds/{year}/{half}/members/{memberId}/vetoes/{vetoId}`, { reason: note }, { path: { ...at.path, vetoId: v.itemId } });
        setMember(undefined);
        onChanged();
      },
      t('common.saved'),
    );

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('appraisal.scoring')}</Typography.Title>}>
      {action.failure && !member && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onChanged} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag>{t('appraisal.computedCount', { count: round.scoring.computed, of: round.subjects.length })}</Tag>
        <Tag>{t('appraisal.selfCount', { count: round.scoring.selfAssessments })}</Tag>
        <Tag>{t('appraisal.peerGroups', { count: round.scoring.peerGroups.length })}</Tag>
        <Tag color={round.scoring.massesCounted ? 'success' : 'default'}>{round.scoring.massesCounted ? t('appraisal.massesCounted') : t('appraisal.massesNotCounted')}</Tag>
        {round.status === 'scoring' && content?.criteria.some((c) => c.source === 'entered' && c.kind === 'democratic-evaluation') && !round.scoring.massesCounted && (
          <>
            <Button
              size="small"
              loading={action.busy === 'codes'}
              onClick={() =>
                void action.run('codes', async () => {
                  const { data } = await apiPost<{ codes: string[] }>(`${BASE}/rounds/{year}/{half}/ballot-codes`, { count: Math.max(10, round.subjects.length * 2) }, { path });
                  setCodes(data.codes);
                })
              }
            >
              {t('appraisal.issueCodes')}
            </Button>
            <Button size="small" loading={action.busy === 'tally'} onClick={() => void action.run('tally', async () => (await apiPost(`${BASE}/rounds/{year}/{half}/masses-tally`, undefined, { path }), onChanged()), t('appraisal.massesCounted'))}>
              {t('appraisal.countMasses')}
            </Button>
          </>
        )}
      </Space>
      {codes && (
        <Typography.Paragraph copyable={{ text: codes.join('\n') }} className="ballot-codes">
          {t('appraisal.codesIssued', { count: codes.length })}: {codes.join('  ')}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="memberId"
        dataSource={subjects}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('common.name'), key: 'name', render: (_, s) => names(s.memberId) },
          ...byHand.map((c) => ({
            title: c.label,
            key: c.id,
            render: (_: unknown, s: Round['subjects'][number]) => (isMissing(missing, s.memberId, c.id) ? <Tag color="warning">{t('appraisal.toScore')}</Tag> : <Tag color="success">{t('appraisal.scored')}</Tag>),
          })),
          {
            title: t('common.actions'),
            key: 'act',
            render: (_, s) => (
              <Button
                size="small"
                aria-label={`${t('appraisal.enterScore')} ${names(s.memberId)}`}
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ kind: 'score', itemId: byHand.find((c) => isMissing(missing, s.memberId, c.id))?.id ?? byHand[0]?.id });
                  action.clear();
                  setMember(s.memberId);
                }}
              >
                {t('appraisal.enterScore')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!member}
        title={`${t('appraisal.enterScore')} · ${member ? names(member) : ''}`}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={action.busy === 'enter'}
        onCancel={() => setMember(undefined)}
        onOk={() => form.submit()}
        forceRender
      >
        {action.failure && member && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onChanged} />}
        <Form form={form} layout="vertical" onFinish={(v) => void enter(v)}>
          <Form.Item label={t('appraisal.entryKind')} name="kind">
            <Select
              onChange={() => form.setFieldValue('itemId', undefined)}
              options={(['score', 'bonus', 'deduction', 'veto'] as const).map((k) => ({ value: k, label: t(`appraisal.entry.${k}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('appraisal.criterion')} name="itemId" rules={[{ required: true, message: t('book.required') }]}>
            <Select options={(items(kind) ?? []).map((i) => ({ value: i.id, label: i.label }))} />
          </Form.Item>
          {kind !== 'veto' && (
            <Form.Item label={t('appraisal.points')} name="points" rules={[{ required: true, message: t('book.required') }]}>
              <InputNumber min={0} max={1000} step={0.5} />
            </Form.Item>
          )}
          <Form.Item label={kind === 'score' ? t('appraisal.note') : t('appraisal.reason')} name="note" rules={[{ required: kind !== 'score', message: t('book.required') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
