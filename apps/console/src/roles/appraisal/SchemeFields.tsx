import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Tag, Typography, type FormInstance } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ResearchBonusFields } from './ResearchBonusFields';
import { criteriaTotal, ENTERED_KINDS, FORMULAS, formulaParam, GRADES, type SchemeValues } from './scheme-form';

const C = ['content'] as const;

/** The scheme's content as form fields named like the request body (`content/criteria/0/maxPoints`), so problems land beside them. */
export function SchemeFields({ form, disabled }: { form: FormInstance; disabled: boolean }) {
  const { t, label } = useI18n();
  const criteria = Form.useWatch([...C, 'criteria'], form) as SchemeValues['criteria'];
  const totalPoints = Form.useWatch([...C, 'totalPoints'], form) as number | undefined;
  const sum = criteriaTotal(criteria);
  const h3 = (text: string) => (
    <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
      {text}
    </Typography.Title>
  );
  const remove = (onClick: () => void, what: string) =>
    disabled ? null : <Button type="link" aria-label={`${t('appraisal.remove')} ${what}`} onClick={onClick}>
        {t('appraisal.remove')}
      </Button>;
  const idRule = [{ required: true, message: t('book.required') }, { pattern: /^[a-z0-9][a-z0-9-]{0,59}$/, message: t('appraisal.idRule') }];
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item label={t('appraisal.schemeTitle')} name={[...C, 'title']} rules={[{ required: true, message: t('book.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('appraisal.totalPoints')} name={[...C, 'totalPoints']} rules={[{ required: true, message: t('book.required') }]}>
            <InputNumber min={1} max={1000} />
          </Form.Item>
        </Col>
      </Row>
      <Card
        size="small"
        title={h3(t('appraisal.criteria'))}
        extra={
          <Tag color={sum === totalPoints ? 'success' : 'warning'} data-testid="criteria-sum">
            {t('appraisal.criteriaSum', { sum, total: totalPoints ?? 0 })}
          </Tag>
        }
        style={{ marginBottom: 16 }}
      >
        <Form.List name={[...C, 'criteria']}>
          {(fields, { add, remove: drop }) => (
            <>
              {fields.map((field) => {
                const c = criteria?.[field.name];
                const param = formulaParam(c?.formula);
                return (
                  <Row gutter={8} key={field.key} align="bottom" className="scheme-row">
                    <Col xs={12} md={4}>
                      <Form.Item label={t('appraisal.id')} name={[field.name, 'id']} rules={idRule}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item label={t('appraisal.label')} name={[field.name, 'label']} rules={[{ required: true, message: t('book.required') }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={3}>
                      <Form.Item label={t('appraisal.maxPoints')} name={[field.name, 'maxPoints']} rules={[{ required: true, message: t('book.required') }]}>
                        <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={16} md={3}>
                      <Form.Item label={t('appraisal.source')} name={[field.name, 'source']}>
                        <Select options={['computed', 'entered'].map((s) => ({ value: s, label: label('appraisal.source', s) }))} />
                      </Form.Item>
                    </Col>
                    {c?.source === 'entered' ? (
                      <>
                        <Col xs={24} md={4}>
                          <Form.Item label={t('appraisal.kind')} name={[field.name, 'kind']}>
                            <Select options={ENTERED_KINDS.map((k) => ({ value: k, label: label('appraisal.kind', k) }))} />
                          </Form.Item>
                        </Col>
                        {c.kind === 'democratic-evaluation' &&
                          (['self', 'peers', 'masses'] as const).map((w) => (
                            <Col xs={8} md={1} key={w} style={{ minWidth: 72 }}>
                              <Form.Item label={label('appraisal.weight', w)} name={[field.name, 'weights', w]}>
                                <InputNumber min={0} max={100} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                          ))}
                      </>
                    ) : (
                      <>
                        <Col xs={24} md={4}>
                          <Form.Item label={t('appraisal.formula')} name={[field.name, 'formula']}>
                            <Select options={FORMULAS.map((f) => ({ value: f, label: label('appraisal.formula', f) }))} />
                          </Form.Item>
                        </Col>
                        {param && (
                          <Col xs={12} md={3}>
                            <Form.Item label={label('appraisal.param', param)} name={[field.name, 'params', param]}>
                              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                        )}
                      </>
                    )}
                    {!disabled && (
                      <Col flex="none">
                        <Form.Item label=" " colon={false}>
                          {remove(() => drop(field.name), c?.label ?? '')}
                        </Form.Item>
                      </Col>
                    )}
                  </Row>
                );
              })}
              {!disabled && <Button onClick={() => add({ source: 'entered', kind: 'group-evaluation' })}>{t('appraisal.addCriterion')}</Button>}
            </>
          )}
        </Form.List>
      </Card>
      <Row gutter={16}>
        {(['bonuses', 'deductions'] as const).map((list) => (
          <Col xs={24} lg={12} key={list}>
            <Card size="small" title={h3(t(`appraisal.${list}`))} style={{ marginBottom: 16 }}>
              <Form.List name={[...C, list]}>
                {(fields, { add, remove: drop }) => (
                  <>
                    {fields.map((field) => (
                      <Row gutter={8} key={field.key} align="bottom">
                        <Col span={7}>
                          <Form.Item label={t('appraisal.id')} name={[field.name, 'id']} rules={idRule}>
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col span={10}>
                          <Form.Item label={t('appraisal.label')} name={[field.name, 'label']} rules={[{ required: true, message: t('book.required') }]}>
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col span={5}>
                          <Form.Item label={t('appraisal.cap')} name={[field.name, 'cap']}>
                            <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        {!disabled && (
                          <Col span={2}>
                            <Form.Item label=" " colon={false}>
                              {remove(() => drop(field.name), t(`appraisal.${list}`))}
                            </Form.Item>
                          </Col>
                        )}
                        {list === 'bonuses' && <ResearchBonusFields form={form} name={field.name} disabled={disabled} />}
                      </Row>
                    ))}
                    {!disabled && <Button onClick={() => add(list === 'bonuses' ? { cap: 5, research: { per: 'manual' } } : { cap: 5 })}>{t('appraisal.add')}</Button>}
                  </>
                )}
              </Form.List>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={h3(t('appraisal.bands'))} style={{ marginBottom: 16 }}>
            <Form.List name={[...C, 'bands']}>
              {(fields) =>
                fields.map((field) => (
                  <Row gutter={8} key={field.key}>
                    <Col span={12}>
                      <Form.Item label={t('appraisal.grade')} name={[field.name, 'grade']}>
                        <Select options={GRADES.map((g) => ({ value: g, label: label('grade', g) }))} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item label={t('appraisal.minPoints')} name={[field.name, 'minPoints']}>
                        <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))
              }
            </Form.List>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={h3(t('appraisal.quotaAndVetoes'))} style={{ marginBottom: 16 }}>
            <Row gutter={8}>
              <Col span={10}>
                <Form.Item label={t('appraisal.quotaPercent')} name={[...C, 'topGradeQuota', 'maxPercent']}>
                  <InputNumber min={1} max={99} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item label={t('appraisal.tieBreakers')} name={[...C, 'topGradeQuota', 'tieBreakers']}>
                  <Select mode="multiple" options={(criteria ?? []).filter((c) => c?.id).map((c) => ({ value: c.id!, label: c.label || c.id }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.List name={[...C, 'vetoes']}>
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((field) => (
                    <Row gutter={8} key={field.key} align="bottom">
                      <Col span={8}>
                        <Form.Item label={t('appraisal.vetoId')} name={[field.name, 'id']} rules={idRule}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col span={14}>
                        <Form.Item label={t('appraisal.vetoLabel')} name={[field.name, 'label']} rules={[{ required: true, message: t('book.required') }]}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col span={2}>
                        <Form.Item label=" " colon={false}>
                          {remove(() => drop(field.name), t('appraisal.vetoLabel'))}
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  {!disabled && <Button onClick={() => add({})}>{t('appraisal.addVeto')}</Button>}
                </>
              )}
            </Form.List>
            <Row gutter={8} style={{ marginTop: 16 }}>
              {(['good', 'fair', 'average', 'poor'] as const).map((r) => (
                <Col span={6} key={r}>
                  <Form.Item label={`${label('rating', r)} %`} name={[...C, 'ratingPercent', r]}>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </>
  );
}
