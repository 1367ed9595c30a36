import { Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { apiPost } from '../../api/client';
import { useMembers, useOrgUnits } from '../../api/directory';
import { yuanToFen } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { BASIS_OF_GROUND, type Ground, type GrantBody, type Selection, type SpiritualForm } from './types';

interface Values {
  recipient: { type: 'member' | 'unit'; id: string };
  ground: Ground;
  basis: { id: string };
  title: string;
  spiritual: SpiritualForm[];
  amountYuan?: string;
  reason?: string;
}

const GROUNDS: Ground[] = ['distinctive-activity', 'fulfilment', 'selection', 'research'];
const FORMS: SpiritualForm[] = ['commendation', 'certificate', 'honour-title'];

/** The leading group grants a spiritual or material reward on a ground and its basis (the same three again is a 409). */
export function GrantForm({ year, selections, onGranted }: { year: number; selections: Selection[]; onGranted: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const action = useAction(form);
  const members = useMembers();
  const units = useOrgUnits();
  const type = Form.useWatch(['recipient', 'type'], form) ?? 'member';
  const ground = Form.useWatch('ground', form) ?? 'distinctive-activity';
  const recipients = type === 'member' ? (members.data ?? []).map((m) => ({ value: m.memberId, label: `${m.name}（${m.memberId}）` })) : (units.data ?? []).map((u) => ({ value: u.orgUnitId, label: u.name }));
  const announced = selections.filter((s) => s.status === 'announced');

  const grant = (v: Values) =>
    action.run(
      'grant',
      async () => {
        const amountFen = yuanToFen(v.amountYuan);
        const body: GrantBody = {
          year,
          recipient: v.recipient,
          ground: v.ground,
          basis: { type: BASIS_OF_GROUND[v.ground], id: v.basis.id.trim() },
          title: v.title,
          spiritual: v.spiritual ?? [],
          ...(amountFen ? { material: { kind: 'money', amountFen } } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
        };
        await apiPost('/api/v1/rewards/grants', body);
        form.resetFields();
        onGranted();
      },
      t('reward.granted'),
    );

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 620 }} initialValues={{ recipient: { type: 'member' }, ground: 'distinctive-activity', spiritual: ['certificate'] }} onFinish={(v) => void grant(v)}>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onGranted} />}
      <Form.Item label={t('reward.recipientType')} name={['recipient', 'type']}>
        <Radio.Group onChange={() => form.setFieldValue(['recipient', 'id'], undefined)} options={[{ value: 'member', label: t('reward.recipient.member') }, { value: 'unit', label: t('reward.recipient.unit') }]} />
      </Form.Item>
      <Form.Item label={t('reward.recipient')} name={['recipient', 'id']} rules={[{ required: true, message: t('book.required') }]}>
        <Select showSearch optionFilterProp="label" options={recipients} />
      </Form.Item>
      <Form.Item label={t('reward.ground')} name="ground">
        <Select onChange={() => form.setFieldValue(['basis', 'id'], undefined)} options={GROUNDS.map((g) => ({ value: g, label: label('reward.ground', g) }))} />
      </Form.Item>
      <Form.Item label={label('reward.basis', BASIS_OF_GROUND[ground])} name={['basis', 'id']} extra={t(`reward.basisHint.${BASIS_OF_GROUND[ground]}`)} rules={[{ required: true, message: t('book.required') }]}>
        {ground === 'selection' ? <Select options={announced.map((s) => ({ value: s.selectionId, label: s.title ?? s.honour?.title ?? s.selectionId }))} /> : <Input maxLength={300} />}
      </Form.Item>
      <Form.Item label={t('reward.grantTitle')} name="title" rules={[{ required: true, message: t('book.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('reward.spiritual')} name="spiritual">
        <Checkbox.Group options={FORMS.map((f) => ({ value: f, label: label('spiritual', f) }))} />
      </Form.Item>
      <Form.Item label={t('reward.amountYuan')} name="amountYuan" rules={[{ validator: (_, v?: string) => (!v || yuanToFen(v) !== undefined ? Promise.resolve() : Promise.reject(new Error(t('record.amountInvalid')))) }]}>
        <Input inputMode="decimal" style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item label={t('review.reason')} name="reason">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.busy === 'grant'}>
        {t('reward.grant')}
      </Button>
    </Form>
  );
}
