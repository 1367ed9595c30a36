import { Button, Checkbox, Collapse, Form, Input, InputNumber, Space } from 'antd';
import { apiPut } from '../../api/client';
import { Fieldset } from '../../ui/Fieldset';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { useMoreI18n } from './more-i18n';
import { fenOrZero, fenRule, fenToYuanText } from './objection-helpers';
import type { SchemeVersion } from './research-api';

// Named as the request body (categories/0/levels/1/amountFen); the amount is typed in yuan.
interface Values {
  categories: Array<{ categoryId: string; name: string; levels: Array<{ levelId: string; name: string; amountFen: string; bonusPoints?: number | null }> }>;
  appraisalBonus: boolean;
  note?: string;
}

const toValues = (s?: SchemeVersion): Values => ({
  categories: s ? s.categories.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l, amountFen: fenToYuanText(l.amountFen) })) })) : [{ categoryId: '', name: '', levels: [{ levelId: '', name: '', amountFen: '' }] }],
  appraisalBonus: s?.appraisalBonus ?? false,
  ...(s?.note ? { note: s.note } : {}),
});

/** The leading group sets the year's research scheme: categories, their levels and amounts (a new version each time). */
export function SchemeEditor({ year, current, etag, onSaved }: { year: number; current?: SchemeVersion; etag?: string; onSaved: () => void }) {
  const { t } = useMoreI18n();
  const [form] = Form.useForm<Values>();
  const action = useAction(form);
  const save = (v: Values) =>
    action.run(
      'save',
      async () => {
        const categories = v.categories.map((c) => ({
          categoryId: c.categoryId.trim(),
          name: c.name,
          levels: c.levels.map((l) => ({ levelId: l.levelId.trim(), name: l.name, amountFen: fenOrZero(l.amountFen) ?? -1, ...(typeof l.bonusPoints === 'number' ? { bonusPoints: l.bonusPoints } : {}) })),
        }));
        await apiPut('/api/v1/rewards/research/schemes/{year}', { categories, appraisalBonus: !!v.appraisalBonus, ...(v.note ? { note: v.note } : {}) }, { path: { year: String(year) }, ...(etag ? { headers: { 'If-Match': etag } } : {}) });
        onSaved();
      },
      t('more.schemeSaved'),
    );
  const amountRule = fenRule(t('record.amountInvalid'));
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'edit',
          label: t('more.editScheme'),
          children: (
            <Form form={form} name="scheme" layout="vertical" initialValues={toValues(current)} onFinish={(v) => void save(v)}>
              {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onSaved} />}
              <Form.List name="categories">
                {(categories, { add, remove }) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {categories.map((c) => (
                      <Fieldset key={c.key} legend={`${t('more.category')} ${c.name + 1}`}>
                        <Space wrap align="start">
                          <Form.Item label={t('more.categoryId')} name={[c.name, 'categoryId']} rules={[{ required: true, message: t('book.required') }]}>
                            <Input maxLength={60} placeholder="report" />
                          </Form.Item>
                          <Form.Item label={t('more.categoryName')} name={[c.name, 'name']} rules={[{ required: true, message: t('book.required') }]}>
                            <Input maxLength={100} />
                          </Form.Item>
                          <Button onClick={() => remove(c.name)} style={{ marginTop: 30 }}>
                            {t('more.remove')}
                          </Button>
                        </Space>
                        <Form.List name={[c.name, 'levels']}>
                          {(levels, ops) => (
                            <>
                              {levels.map((l) => (
                                <Space key={l.key} wrap align="start">
                                  <Form.Item label={t('more.levelId')} name={[l.name, 'levelId']} rules={[{ required: true, message: t('book.required') }]}>
                                    <Input maxLength={60} style={{ width: 120 }} />
                                  </Form.Item>
                                  <Form.Item label={t('more.levelName')} name={[l.name, 'name']} rules={[{ required: true, message: t('book.required') }]}>
                                    <Input maxLength={100} />
                                  </Form.Item>
                                  <Form.Item label={t('reward.amountYuan')} name={[l.name, 'amountFen']} rules={[amountRule]}>
                                    <Input inputMode="decimal" style={{ width: 120 }} />
                                  </Form.Item>
                                  <Form.Item label={t('more.bonusPoints')} name={[l.name, 'bonusPoints']}>
                                    <InputNumber min={0} max={100} step={0.5} />
                                  </Form.Item>
                                  <Button onClick={() => ops.remove(l.name)} style={{ marginTop: 30 }}>
                                    {t('more.remove')}
                                  </Button>
                                </Space>
                              ))}
                              <Button type="dashed" onClick={() => ops.add({ levelId: '', name: '', amountFen: '' })}>
                                {t('more.addLevel')}
                              </Button>
                            </>
                          )}
                        </Form.List>
                      </Fieldset>
                    ))}
                    <Button type="dashed" onClick={() => add({ categoryId: '', name: '', levels: [{ levelId: '', name: '', amountFen: '' }] })}>
                      {t('more.addCategory')}
                    </Button>
                  </Space>
                )}
              </Form.List>
              <Form.Item name="appraisalBonus" valuePropName="checked" style={{ marginTop: 16 }}>
                <Checkbox>{t('more.appraisalBonus')}</Checkbox>
              </Form.Item>
              <Form.Item label={t('more.note')} name="note">
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
                {t('more.editScheme')}
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );
}
