import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiPost } from '../../api/client';
import type { EvidenceFile } from '../../api/evidence';
import type { Pledge } from '../../api/views';
import { yuanToFen } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert, showFieldErrors } from '../../ui/problems';
import { EvidenceUpload } from './EvidenceUpload';

interface Values {
  itemNo: number;
  recordedOn: Dayjs;
  narrative: string;
  peopleAided?: number;
  amountYuan?: string;
  volunteerHours?: number;
  attachments?: EvidenceFile[];
}

/** Recording a deed done for a published book: people aided, the amount in yuan (sent as fen), hours, photos and scans. */
export function RecordDeed({ pledge, etag, onRecorded }: { pledge: Pledge; etag?: string; onRecorded: () => void }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] }>();
  const [form] = Form.useForm<Values>();
  const submit = async (values: Values) => {
    if (uploading) return void message.warning(t('record.evidenceUploading'));
    setBusy(true);
    setFailure(undefined);
    try {
      const amountFen = yuanToFen(values.amountYuan);
      await apiPost(
        '/api/v1/pledges/{pledgeId}/progress',
        {
          itemNo: values.itemNo,
          recordedOn: values.recordedOn.format('YYYY-MM-DD'),
          narrative: values.narrative,
          ...(values.peopleAided !== undefined && values.peopleAided !== null ? { peopleAided: values.peopleAided } : {}),
          ...(amountFen !== undefined ? { amountFen } : {}),
          ...(values.volunteerHours !== undefined && values.volunteerHours !== null ? { volunteerHours: values.volunteerHours } : {}),
          ...(values.attachments?.length ? { attachments: values.attachments } : {}),
        } as never,
        { path: { pledgeId: pledge.pledgeId }, headers: etag ? { 'if-match': etag } : {} },
      );
      void message.success(t('record.saved'));
      form.resetFields();
      setOpen(false);
      onRecorded();
    } catch (error) {
      setFailure({ error, lines: showFieldErrors(form, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('book.record')}
      </Button>
      <Modal open={open} title={t('book.record')} onCancel={() => setOpen(false)} footer={null} forceRender>
        {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={onRecorded} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ itemNo: pledge.items.find((i) => i.kind === 'deed')?.no ?? pledge.items[0]?.no }}>
          <Form.Item label={t('record.itemNo')} name="itemNo" rules={[{ required: true, message: t('book.required') }]}>
            <Select options={pledge.items.map((i) => ({ value: i.no, label: `${t('common.item', { no: i.no })} · ${label('kind', i.kind)} · ${i.text}` }))} />
          </Form.Item>
          <Form.Item label={t('record.recordedOn')} name="recordedOn" rules={[{ required: true, message: t('book.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('record.narrative')} name="narrative" rules={[{ required: true, message: t('book.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('record.peopleAided')} name="peopleAided">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('record.amount')} name="amountYuan" rules={[{ validator: async (_, v) => { if (v && yuanToFen(v) === undefined) throw new Error(t('record.amountInvalid')); } }]}>
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item label={t('record.hours')} name="volunteerHours">
            <InputNumber min={0} precision={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('record.evidence')} name="attachments" extra={t('record.evidenceHint')}>
            {/* Remounted with the form's reset, so a saved record's files do not linger. */}
            <EvidenceUpload key={open ? 'open' : 'closed'} pledgeId={pledge.pledgeId} onBusy={setUploading} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={uploading}>
            {t('common.save')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
