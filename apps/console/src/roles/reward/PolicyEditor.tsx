import { Button, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { apiPut } from '../../api/client';
import { Fieldset } from '../../ui/Fieldset';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { useMoreI18n } from './more-i18n';
import { fenOrZero, fenRule, fenToYuanText } from './objection-helpers';
import { GRADES, type Honour, type PolicyVersion, type SpiritualForm } from './types';

// Named as the request body (honours/0/reward/material/amountFen); the amount is typed in yuan.
interface HonourValues {
  honourId: string;
  title: string;
  award: 'selection' | 'automatic';
  eligibleGrades: Honour['eligibleGrades'];
  consecutiveTopGrades?: number | null;
  quota?: number | null;
  reward: { spiritual: SpiritualForm[]; material?: { amountFen?: string } };
}
interface Values {
  honours: HonourValues[];
  note?: string;
}

const FORMS: SpiritualForm[] = ['commendation', 'certificate', 'honour-title'];
const blank = (): HonourValues => ({ honourId: '', title: '', award: 'selection', eligibleGrades: ['excellent'], reward: { spiritual: ['certificate'] } });

const toValues = (p?: PolicyVersion): Values => ({
  honours: p
    ? p.honours.map((h) => ({ ...h, reward: { spiritual: h.reward.spiritual, material: { amountFen: h.reward.material?.kind === 'money' ? fenToYuanText(h.reward.material.amountFen) : '' } } }))
    : [blank()],
  ...(p?.note ? { note: p.note } : {}),
});

/** The year's honours: by selection with a quota, or automatic from the results (e.g. two consecutive 优秀); spiritual and money rewards. */
export function PolicyEditor({ year, current, etag, editable, onSaved }: { year: number; current?: PolicyVersion; etag?: string; editable: boolean; onSaved: () => void }) {
  const { t, label } = useMoreI18n();
  const [form] = Form.useForm<Values>();
  const action = useAction(form);
  const save = (v: Values) =>
    action.run(
      'save',
      async () => {
        const honours = v.honours.map((h) => {
          const amountFen = fenOrZero(h.reward.material?.amountFen) ?? -1;
          return {
            honourId: h.honourId.trim(),
            title: h.title,
            award: h.award,
            eligibleGrades: h.eligibleGrades ?? [],
            ...(typeof h.consecutiveTopGrades === 'number' ? { consecutiveTopGrades: h.consecutiveTopGrades } : {}),
            ...(typeof h.quota === 'number' ? { quota: h.quota } : {}),
            reward: { spiritual: h.reward.spiritual ?? [], ...(amountFen !== 0 ? { material: { kind: 'money' as const, amountFen } } : {}) },
          };
        });
        await apiPut('/api/v1/rewards/policies/{year}', { honours, ...(v.note ? { note: v.note } : {}) }, { path: { year: String(year) }, ...(etag ? { headers: { 'If-Match': etag } } : {}) });
        onSaved();
      },
      t('more.policySaved'),
    );
  const amountRule = fenRule(t('record.amountInvalid'));
  return (
    <Form form={form} name="policy" layout="vertical" disabled={!editable} initialValues={toValues(current)} onFinish={(v) => void save(v)}>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onSaved} />}
      <Form.List name="honours">
        {(honours, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {honours.map((h) => (
              <Fieldset key={h.key} legend={`${t('more.honours')} ${h.name + 1}`}>
                <Space wrap align="start">
                  <Form.Item label={t('more.honourId')} name={[h.name, 'honourId']} rules={[{ required: true, message: t('book.required') }]}>
                    <Input maxLength={60} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item label={t('more.honourTitle')} name={[h.name, 'title']} rules={[{ required: true, message: t('book.required') }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item label={t('more.award')} name={[h.name, 'award']}>
                    <Select style={{ width: 180 }} options={(['selection', 'automatic'] as const).map((a) => ({ value: a, label: t(`more.award.${a}`) }))} />
                  </Form.Item>
                  <Form.Item label={t('reward.eligibleGrades')} name={[h.name, 'eligibleGrades']}>
                    <Select mode="multiple" style={{ minWidth: 200 }} options={GRADES.map((g) => ({ value: g, label: label('grade', g) }))} />
                  </Form.Item>
                  <Form.Item label={t('reward.quota')} name={[h.name, 'quota']}>
                    <InputNumber min={0} max={100000} />
                  </Form.Item>
                  <Form.Item label={t('more.consecutive')} name={[h.name, 'consecutiveTopGrades']}>
                    <InputNumber min={0} max={10} />
                  </Form.Item>
                </Space>
                <Space wrap align="start">
                  <Form.Item label={t('reward.spiritual')} name={[h.name, 'reward', 'spiritual']}>
                    <Checkbox.Group options={FORMS.map((f) => ({ value: f, label: label('spiritual', f) }))} />
                  </Form.Item>
                  <Form.Item label={t('reward.amountYuan')} name={[h.name, 'reward', 'material', 'amountFen']} rules={[amountRule]}>
                    <Input inputMode="decimal" style={{ width: 140 }} />
                  </Form.Item>
                  <Button onClick={() => remove(h.name)} style={{ marginTop: 30 }}>
                    {t('more.remove')}
                  </Button>
                </Space>
              </Fieldset>
            ))}
            <Button type="dashed" onClick={() => add(blank())}>
              {t('more.addHonour')}
            </Button>
          </Space>
        )}
      </Form.List>
      <Form.Item label={t('more.note')} name="note" style={{ marginTop: 16 }}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {editable && (
        <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
          {t('more.savePolicy')}
        </Button>
      )}
    </Form>
  );
}
