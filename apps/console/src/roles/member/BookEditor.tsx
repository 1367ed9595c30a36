import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Select, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { apiGet, apiPatch, apiPost } from '../../api/client';
import type { ItemInput, ItemKind, Pledge, ReturnVerdict } from '../../api/views';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert, showFieldErrors } from '../../ui/problems';

const AREAS = ['theory-study', 'work-style', 'discipline', 'ethics'] as const;
const BENEFICIARIES = ['school', 'village', 'family', 'person', 'community', 'other'] as const;

interface FormItem extends Omit<ItemInput, 'beneficiary'> {
  beneficiary?: { type?: string; name?: string; arrangedByBranch?: boolean };
}

/** What the form holds → what the API takes (an empty beneficiary is no beneficiary). */
function toItems(items: FormItem[]): ItemInput[] {
  return items.map(({ beneficiary, ...item }) => {
    const clean = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== '')) as unknown as ItemInput;
    if (item.kind !== 'position') delete clean.benchmark;
    return beneficiary?.name ? { ...clean, beneficiary: { type: (beneficiary.type ?? 'other') as NonNullable<ItemInput['beneficiary']>['type'], name: beneficiary.name, ...(beneficiary.arrangedByBranch ? { arrangedByBranch: true } : {}) } } : clean;
  });
}

const blank = (kind: ItemKind): FormItem => (kind === 'common' ? { kind, area: 'theory-study', text: '', target: '' } : kind === 'position' ? { kind, text: '', target: '', benchmark: true } : { kind, text: '', target: '' });

/**
 * The draft of a pledge book: items of the three kinds, saved as a new book or as a revision
 * (If-Match on the revision it was loaded at). What is typed stays in the form whatever the answer.
 */
export function BookEditor({ year, branchId, pledge, etag, returned, onChanged }: { year: number; branchId?: string; pledge?: Pledge; etag?: string; returned?: ReturnVerdict[]; onChanged?: () => void }) {
  const { t, label } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ items: FormItem[] }>();
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] }>();
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const categories = useQuery({
    queryKey: ['guidance', user.bureauId, branchId, year],
    enabled: !!branchId,
    queryFn: async () => (await apiGet<{ categories: string[] }>('/api/v1/bureaus/{bureauId}/branches/{branchId}/guidance-categories/{year}', { path: { bureauId: user.bureauId, branchId: branchId!, year: String(year) } })).data.categories,
  });
  const revise = new Map((returned ?? []).filter((v) => v.verdict === 'revise').map((v) => [v.itemNo, v.reason ?? ''] as const));

  const act = async (what: 'save' | 'submit') => {
    setFailure(undefined);
    let values: { items: FormItem[] };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const items = toItems(values.items ?? []);
    setBusy(what);
    try {
      if (!pledge) {
        await apiPost('/api/v1/pledges', { year, pledger: { type: 'individual', memberIds: [user.memberId] }, items });
        void message.success(t('common.saved'));
        await queryClient.invalidateQueries({ queryKey: ['my-books'] });
        return;
      }
      const saved = await apiPatch('/api/v1/pledges/{pledgeId}', { items }, { path: { pledgeId: pledge.pledgeId }, headers: etag ? { 'if-match': etag } : {} });
      if (what === 'submit') await apiPost('/api/v1/pledges/{pledgeId}/submit', undefined, { path: { pledgeId: pledge.pledgeId }, headers: saved.etag ? { 'if-match': saved.etag } : {} });
      void message.success(what === 'submit' ? t('book.submitted') : t('common.saved'));
      onChanged?.();
    } catch (error) {
      setFailure({ error, lines: showFieldErrors(form, error) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ items: pledge ? pledge.items.map(({ no: _no, ...item }) => item) : [blank('common'), blank('position'), blank('deed')] }} aria-label={t('book.items')}>
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={onChanged} />}
      <Form.List
        name="items"
        rules={[
          {
            validator: async (_, items: FormItem[] = []) => {
              if (!items.some((i) => i.kind === 'common') || !items.some((i) => i.kind === 'position')) throw new Error(t('book.mustHave'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field, index) => {
              const kind = form.getFieldValue(['items', field.name, 'kind']) as ItemKind;
              const reason = revise.get(index + 1);
              return (
                <Card
                  key={field.key}
                  size="small"
                  className={reason !== undefined ? 'item-returned' : undefined}
                  title={
                    <Space wrap>
                      <span>{t('common.item', { no: index + 1 })}</span>
                      <Tag>{label('kind', kind)}</Tag>
                      {reason !== undefined && <Tag color="warning">{t('review.reviseItem')}</Tag>}
                    </Space>
                  }
                  extra={
                    <Button size="small" type="link" onClick={() => remove(field.name)} aria-label={`${t('book.remove')} ${index + 1}`}>
                      {t('book.remove')}
                    </Button>
                  }
                >
                  {reason !== undefined && (
                    <Typography.Paragraph type="warning" style={{ marginTop: 0 }}>
                      {t('book.returnReason')}：{reason}
                    </Typography.Paragraph>
                  )}
                  <Form.Item name={[field.name, 'kind']} hidden>
                    <Input />
                  </Form.Item>
                  {kind === 'common' && (
                    <Form.Item label={t('book.area')} name={[field.name, 'area']} rules={[{ required: true, message: t('book.required') }]}>
                      <Select options={AREAS.map((a) => ({ value: a, label: label('area', a) }))} />
                    </Form.Item>
                  )}
                  <Form.Item label={t('book.text')} name={[field.name, 'text']} rules={[{ required: true, message: t('book.required') }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                  </Form.Item>
                  <Form.Item label={t('book.target')} name={[field.name, 'target']} rules={[{ required: true, message: t('book.required') }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  {kind === 'position' && (
                    <Form.Item name={[field.name, 'benchmark']} valuePropName="checked" extra={t('book.benchmarkHint')}>
                      <Checkbox>{t('book.benchmark')}</Checkbox>
                    </Form.Item>
                  )}
                  {kind === 'deed' && (
                    <>
                      <Form.Item label={t('book.category')} name={[field.name, 'category']} rules={[{ required: true, message: t('book.required') }]}>
                        <Select loading={categories.isLoading} options={(categories.data ?? []).map((c) => ({ value: c, label: label('category', c) }))} />
                      </Form.Item>
                      <Space wrap align="start">
                        <Form.Item label={t('book.beneficiaryType')} name={[field.name, 'beneficiary', 'type']}>
                          <Select allowClear style={{ width: 140 }} options={BENEFICIARIES.map((b) => ({ value: b, label: label('beneficiary', b) }))} />
                        </Form.Item>
                        <Form.Item label={t('book.beneficiaryName')} name={[field.name, 'beneficiary', 'name']}>
                          <Input style={{ width: 220 }} maxLength={200} />
                        </Form.Item>
                        <Form.Item label={t('book.dueQuarter')} name={[field.name, 'dueQuarter']}>
                          <Select allowClear style={{ width: 100 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` }))} />
                        </Form.Item>
                      </Space>
                      <Form.Item name={[field.name, 'beneficiary', 'arrangedByBranch']} valuePropName="checked">
                        <Checkbox>{t('book.arranged')}</Checkbox>
                      </Form.Item>
                    </>
                  )}
                </Card>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Space wrap>
              <Button onClick={() => add(blank('common'))}>{t('book.addCommon')}</Button>
              <Button onClick={() => add(blank('position'))}>{t('book.addPosition')}</Button>
              <Button onClick={() => add(blank('deed'))}>{t('book.addDeed')}</Button>
            </Space>
          </Space>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }} wrap>
        <Button onClick={() => void act('save')} loading={busy === 'save'}>
          {t('book.saveDraft')}
        </Button>
        {pledge && (
          <Button type="primary" onClick={() => void act('submit')} loading={busy === 'submit'}>
            {t('book.submit')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
