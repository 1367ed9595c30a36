import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Space, Switch, Tag, Typography } from 'antd';
import { apiGet, apiPost, apiPut } from '../../api/client';
import { useUser } from '../../auth/useSession';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useAction } from '../appraisal/useAction';
import { useYear } from '../member/useYear';

interface Rules {
  year: number;
  positionBenchmark: boolean;
  yearlyDeed: boolean;
  setByBureau: boolean;
}
interface Years {
  currentYear: number;
  open: number[];
  closed: number[];
}

/** The bureau admin's programme: the rules a year's books are held to at submission, and which years are open for drafting. */
export default function ProgrammePage() {
  const { t } = useI18n();
  const { bureauId } = useUser();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const rules = useQuery({
    queryKey: ['programme', 'rules', bureauId, year],
    queryFn: async () => {
      const { data, etag } = await apiGet<Rules>('/api/v1/bureaus/{bureauId}/programme-rules/{year}', { path: { bureauId, year: String(year) } });
      return { ...data, etag };
    },
  });
  const years = useQuery({
    queryKey: ['programme', 'years', bureauId],
    queryFn: async () => (await apiGet<Years>('/api/v1/bureaus/{bureauId}/years', { path: { bureauId } })).data,
  });
  const [form] = Form.useForm<{ positionBenchmark: boolean; yearlyDeed: boolean }>();
  const action = useAction(form);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['programme'] });
  const next = (years.data?.currentYear ?? year) + 1;

  const save = (v: { positionBenchmark: boolean; yearlyDeed: boolean }) =>
    action.run(
      'save',
      async () => {
        await apiPut('/api/v1/bureaus/{bureauId}/programme-rules/{year}', v, { path: { bureauId, year: String(year) }, headers: rules.data?.etag ? { 'If-Match': rules.data.etag } : {} });
        refresh();
      },
      t('common.saved'),
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('programme.title')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={refresh} />}
      {(rules.error || years.error) && <ProblemAlert error={rules.error ?? years.error} />}
      <Card title={<CardTitle>{t('programme.rulesOf', { year })}</CardTitle>}>
        {!rules.data ? (
          !rules.error && <Loading />
        ) : (
          <Form key={`${year}-${rules.data.etag}`} form={form} layout="vertical" initialValues={rules.data} onFinish={(v) => void save(v)}>
            <Typography.Paragraph type="secondary">{rules.data.setByBureau ? t('programme.setByBureau') : t('programme.defaults')}</Typography.Paragraph>
            <Form.Item label={t('programme.positionBenchmark')} name="positionBenchmark" valuePropName="checked" extra={t('programme.positionBenchmarkHint')}>
              <Switch />
            </Form.Item>
            <Form.Item label={t('programme.yearlyDeed')} name="yearlyDeed" valuePropName="checked" extra={t('programme.yearlyDeedHint')}>
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
              {t('common.save')}
            </Button>
          </Form>
        )}
      </Card>
      <Card title={<CardTitle>{t('programme.years')}</CardTitle>} loading={years.isLoading}>
        {years.data && (
          <Space direction="vertical">
            <Space wrap>
              {t('programme.open')}
              {years.data.open.map((y) => (
                <Tag key={y} color="success">
                  {y}
                </Tag>
              ))}
            </Space>
            <Space wrap>
              {t('programme.closed')}
              {years.data.closed.length === 0 ? t('common.none') : years.data.closed.map((y) => <Tag key={y}>{y}</Tag>)}
            </Space>
            {!years.data.open.includes(next) && (
              <Button onClick={() => void action.run('open', async () => (await apiPost('/api/v1/bureaus/{bureauId}/years', { year: next }, { path: { bureauId } }), refresh()), t('programme.opened', { year: next }))} loading={action.busy === 'open'}>
                {t('programme.openYear', { year: next })}
              </Button>
            )}
          </Space>
        )}
      </Card>
    </Space>
  );
}
