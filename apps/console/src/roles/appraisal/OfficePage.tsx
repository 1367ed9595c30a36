import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { apiGet, apiPost } from '../../api/client';
import { hasRole, useUser } from '../../auth/useSession';
import { bureauDate, formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useYear } from '../member/useYear';
import { BASE, useRounds, useSchemes } from './api';
import { openableHalves } from './round-helpers';
import { newSchemeContent } from './scheme-form';
import { AppraisalTag } from './tags';
import type { Scheme } from './types';
import { useAction } from './useAction';

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** The appraisal office's year: the scheme's versions, the half-year rounds, the calendar. */
export default function OfficePage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const { bureauId } = user;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const schemes = useSchemes(year);
  const rounds = useRounds(year);
  const [form] = Form.useForm<{ half: 'H1' | 'H2'; schemeVersion: number }>();
  const action = useAction(form);
  const office = hasRole(user, ['appraisal-office', 'system-admin']);
  const published = (schemes.data ?? []).filter((s) => s.status === 'published');
  const halves = openableHalves(year, bureauDate(new Date())).filter((h) => !(rounds.data ?? []).some((r) => r.half === h));

  const draft = () =>
    action.run('draft', async () => {
      const latest = schemes.data?.at(-1);
      const basis = latest ? (await apiGet<Scheme>(`${BASE}/schemes/{year}/versions/{version}`, { path: { bureauId, year: String(year), version: String(latest.version) } })).data : undefined;
      const { data } = await apiPost<Scheme>(`${BASE}/schemes/{year}/versions`, { content: basis?.content ?? newSchemeContent(), ...(basis ? { basedOnVersion: basis.version } : {}) }, { path: { bureauId, year: String(year) } });
      void queryClient.invalidateQueries({ queryKey: ['appraisal', 'schemes'] });
      navigate(`/appraisal/schemes/${year}/${data.version}`);
    });

  const open = (v: { half: 'H1' | 'H2'; schemeVersion: number }) =>
    action.run(
      'open',
      async () => {
        await apiPost(`${BASE}/rounds`, { year, half: v.half, schemeVersion: v.schemeVersion }, { path: { bureauId } });
        void queryClient.invalidateQueries({ queryKey: ['appraisal', 'rounds'] });
        navigate(`/appraisal/rounds/${year}/${v.half}`);
      },
      t('appraisal.roundOpened'),
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.officeTitle')}
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Link to={`/appraisal/calendar?year=${year}`}>{t('appraisal.calendar')}</Link>
        </Space>
      </Space>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void queryClient.invalidateQueries({ queryKey: ['appraisal'] })} />}
      {(schemes.error || rounds.error) && <ProblemAlert error={schemes.error ?? rounds.error} />}
      <Card
        title={h2(t('appraisal.schemes'))}
        extra={
          office ? (
            <Button onClick={() => void draft()} loading={action.busy === 'draft'}>
              {schemes.data?.length ? t('appraisal.newVersion') : t('appraisal.newScheme')}
            </Button>
          ) : undefined
        }
      >
        <Table
          size="small"
          rowKey="version"
          loading={schemes.isLoading}
          dataSource={schemes.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('appraisal.noScheme') }}
          columns={[
            { title: t('appraisal.version'), key: 'version', render: (_, s) => <Link to={`/appraisal/schemes/${year}/${s.version}`}>v{s.version}</Link> },
            { title: t('appraisal.schemeTitle'), dataIndex: 'title' },
            { title: t('common.status'), key: 'status', render: (_, s) => <AppraisalTag value={s.status} /> },
            { title: t('appraisal.publishedAt'), key: 'publishedAt', render: (_, s) => formatDateTime(s.publishedAt, locale) },
          ]}
        />
      </Card>
      <Card title={h2(t('appraisal.rounds'))}>
        <Table
          size="small"
          rowKey="half"
          loading={rounds.isLoading}
          dataSource={rounds.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('appraisal.noRound') }}
          columns={[
            { title: t('appraisal.half'), key: 'half', render: (_, r) => <Link to={`/appraisal/rounds/${year}/${r.half}`}>{t(`appraisal.half.${r.half}`)}</Link> },
            { title: t('appraisal.version'), key: 'v', render: (_, r) => `v${r.schemeVersion}` },
            { title: t('common.status'), key: 'status', render: (_, r) => <AppraisalTag value={r.status} /> },
            { title: t('appraisal.subjects'), dataIndex: 'subjects' },
            { title: t('appraisal.noticeEnds'), dataIndex: 'noticeEndsOn' },
            { title: t('appraisal.openObjections'), dataIndex: 'openObjections' },
          ]}
        />
        {office && schemes.data && halves.length > 0 && (
          <Form key={published.length} form={form} layout="inline" style={{ marginTop: 16, rowGap: 8 }} initialValues={{ half: halves[0], schemeVersion: published.at(-1)?.version }} onFinish={(v) => void open(v)}>
            <Form.Item label={t('appraisal.half')} name="half" rules={[{ required: true, message: t('book.required') }]}>
              <Select style={{ width: 140 }} options={halves.map((h) => ({ value: h, label: t(`appraisal.half.${h}`) }))} />
            </Form.Item>
            <Form.Item label={t('appraisal.version')} name="schemeVersion" rules={[{ required: true, message: t('appraisal.needPublished') }]}>
              <Select style={{ width: 120 }} options={published.map((s) => ({ value: s.version, label: `v${s.version}` }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy === 'open'}>
              {t('appraisal.openRound')}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
