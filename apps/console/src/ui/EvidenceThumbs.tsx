import { useQuery } from '@tanstack/react-query';
import { Image, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { pledgeEvidenceBlob, type EvidenceFile } from '../api/evidence';
import { useI18n } from '../i18n/i18n';

/** One file of a record: an image as a small picture (opens larger), a PDF as a download link. */
function Thumb({ pledgeId, file }: { pledgeId: string; file: EvidenceFile }) {
  const { t } = useI18n();
  // A file never changes under its hash: fetched once per session.
  const blob = useQuery({ queryKey: ['evidence', pledgeId, file.sha256], queryFn: () => pledgeEvidenceBlob(pledgeId, file.sha256), staleTime: Infinity, gcTime: 10 * 60_000 });
  const url = useMemo(() => (blob.data ? URL.createObjectURL(blob.data) : undefined), [blob.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (blob.isError) return <Typography.Text type="secondary">{t('record.evidenceUnavailable', { name: file.name })}</Typography.Text>;
  if (file.mediaType === 'application/pdf') {
    return url ? (
      <Typography.Link href={url} download={file.name} aria-label={t('record.evidenceOpen', { name: file.name })}>
        📄 {file.name}
      </Typography.Link>
    ) : (
      <Typography.Text>📄 {file.name}</Typography.Text>
    );
  }
  return <Image src={url} alt={file.name} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} placeholder />;
}

/** The photos and scans of a fulfilment record, small, where records are listed. */
export function EvidenceThumbs({ pledgeId, files }: { pledgeId: string; files?: EvidenceFile[] }) {
  if (!files?.length) return null;
  return (
    <Space size={4} wrap>
      {files.map((file) => (
        <Thumb key={file.sha256} pledgeId={pledgeId} file={file} />
      ))}
    </Space>
  );
}
