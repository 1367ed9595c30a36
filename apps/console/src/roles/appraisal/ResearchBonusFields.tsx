import { Button, Col, Form, Input, InputNumber, Row, Select, Typography, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n/i18n';
import { RESEARCH_MODES, type ResearchValues } from './scheme-form';

const ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * How one bonus is counted (ADR 0087): by hand, or from the member's rated research works — per
 * work (a default and points by category or level), per yuan of her shares, or by the research
 * scheme's points. Fields are named like the request body (`content/bonuses/0/research/pointsPerYuan`),
 * so the service's problems land beside them.
 */
export function ResearchBonusFields({ form, name, disabled }: { form: FormInstance; name: number; disabled: boolean }) {
  const { t, label } = useI18n();
  const at = ['content', 'bonuses', name] as const;
  const research = Form.useWatch([...at, 'research'], form) as ResearchValues | undefined;
  const cap = Form.useWatch([...at, 'cap'], form) as number | null | undefined;
  const max = typeof cap === 'number' ? cap : 1000;
  const per = research?.per ?? 'manual';
  const pointsRule: Rule = { type: 'number', min: 0, max, message: t('appraisal.research.pointsRule') };
  const countsSomething: Rule = {
    validator: async (_rule, value: number | null | undefined) => {
      const levels = (form.getFieldValue([...at, 'research', 'levels']) as ResearchValues['levels']) ?? [];
      if ((value ?? 0) > 0 || levels.some((l) => (l?.points ?? 0) > 0)) return;
      throw new Error(t('appraisal.research.countsNothing'));
    },
  };
  const hint = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Col span={24}>
      <Row gutter={8} align="top">
        <Col xs={24} md={10}>
          <Form.Item label={t('appraisal.research.per')} name={[name, 'research', 'per']} extra={per !== 'manual' ? hint(t('appraisal.research.capHint', { cap: cap ?? 0 })) : undefined}>
            <Select options={RESEARCH_MODES.map((m) => ({ value: m, label: label('appraisal.research.per', m) }))} />
          </Form.Item>
        </Col>
        {per === 'work' && (
          <Col xs={24} md={14}>
            <Form.Item
              label={t('appraisal.research.pointsPerWork')}
              name={[name, 'research', 'pointsPerWork']}
              dependencies={[[...at, 'research', 'levels']]}
              extra={hint(t('appraisal.research.pointsPerWorkHint'))}
              rules={[pointsRule, countsSomething]}
            >
              <InputNumber min={0} max={max} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {per === 'yuan' && (
          <Col xs={24} md={14}>
            <Form.Item
              label={t('appraisal.research.pointsPerYuan')}
              name={[name, 'research', 'pointsPerYuan']}
              extra={hint(t('appraisal.research.pointsPerYuanHint'))}
              rules={[{ required: true, message: t('book.required') }, { type: 'number', min: 0.0001, max, message: t('appraisal.research.perYuanRule') }]}
            >
              <InputNumber min={0} max={max} step={0.001} precision={4} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {per === 'reward-points' && (
          <Col xs={24} md={14}>
            <Form.Item label=" " colon={false}>
              {hint(t('appraisal.research.rewardPointsHint'))}
            </Form.Item>
          </Col>
        )}
        {per === 'work' && (
          <Col span={24}>
            <Form.List name={[name, 'research', 'levels']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Row gutter={8} key={field.key} align="bottom">
                      <Col span={8}>
                        <Form.Item label={t('appraisal.research.categoryId')} name={[field.name, 'categoryId']} rules={[{ required: true, message: t('book.required') }, { pattern: ID, message: t('appraisal.idRule') }]}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item label={t('appraisal.research.levelId')} name={[field.name, 'levelId']} rules={[{ pattern: ID, message: t('appraisal.idRule') }]}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col span={6}>
                        <Form.Item label={t('appraisal.research.points')} name={[field.name, 'points']} rules={[{ required: true, message: t('book.required') }, pointsRule]}>
                          <InputNumber min={0} max={max} precision={2} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      {!disabled && (
                        <Col span={3}>
                          <Form.Item label=" " colon={false}>
                            <Button type="link" aria-label={`${t('appraisal.remove')} ${t('appraisal.research.categoryId')} ${field.name + 1}`} onClick={() => remove(field.name)}>
                              {t('appraisal.remove')}
                            </Button>
                          </Form.Item>
                        </Col>
                      )}
                    </Row>
                  ))}
                  {!disabled && (
                    <Button size="small" style={{ marginBottom: 16 }} onClick={() => add({})}>
                      {t('appraisal.research.addLevel')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </Col>
        )}
      </Row>
    </Col>
  );
}
