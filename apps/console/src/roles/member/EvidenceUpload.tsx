import { Button, Upload, message, type UploadFile } from 'antd';
import { useState } from 'react';
import { EVIDENCE_ACCEPT, uploadPledgeEvidence, type EvidenceFile } from '../../api/evidence';
import { ApiProblem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';

/**
 * Photos and scans for a deed record (a form field): each file is uploaded as soon as it is
 * chosen; the value is the references the service answered, for the record's `attachments`.
 * A pledge book's files go to `pledgeId`; any other owner's through `upload` (a monthly check's).
 */
export function EvidenceUpload({ pledgeId, upload, onChange, onBusy, id }: { pledgeId?: string; upload?: (file: File) => Promise<EvidenceFile>; value?: EvidenceFile[]; onChange?: (files: EvidenceFile[]) => void; onBusy?: (busy: boolean) => void; id?: string }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const update = (next: UploadFile<EvidenceFile>[]) => {
    setFiles(next);
    onBusy?.(next.some((f) => f.status === 'uploading'));
    onChange?.(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!));
  };
  return (
    <Upload<EvidenceFile>
      id={id}
      accept={EVIDENCE_ACCEPT}
      multiple
      listType="picture"
      maxCount={10}
      fileList={files}
      beforeUpload={(file) => {
        if (!EVIDENCE_ACCEPT.split(',').includes(file.type)) {
          void message.error(t('record.evidenceType', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        (upload ?? ((f: File) => uploadPledgeEvidence(pledgeId!, f)))(file as File).then(
          (stored) => onSuccess?.(stored),
          (error: unknown) => {
            const detail = error instanceof ApiProblem ? error.message : String(error);
            void message.error(t('record.evidenceFailed', { name: (file as File).name, detail }));
            onError?.(error instanceof Error ? error : new Error(detail));
          },
        );
      }}
      onChange={({ fileList }) => update(fileList.filter((f) => f.status !== 'error'))}
    >
      <Button>{t('record.evidenceAdd')}</Button>
    </Upload>
  );
}
