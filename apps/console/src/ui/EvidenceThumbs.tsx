import { useQuery } from '@tanstack/react-query';
import { Image, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { pledgeEvidenceBlob, type EvidenceFile } from '../api/evidence';
import { useI18n } from '../i18n/i18n';

/** One file of a record: an image as a small picture (opens larger), a PDF as a download link. */
function Thumb({ scope, fetchFile, file }: { scope: string; fetchFile: (sha256: string) => Promise<Blob>; file: EvidenceFile }) {
  const { t } = useI18n();
  // A file never changes under its hash: fetched once per session.
  const blob = useQuery({ queryKey: ['evidence', scope, file.sha256], queryFn: () => fetchFile(file.sha256), staleTime: Infinity, gcTime: 10 * 60_000 });
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

/**
 * The photos and scans of a record, small, where records are listed: a pledge book's files by
 * `pledgeId`, any other owner's through `fetchFile` (with `scope` naming the owner, for the cache).
 */
export function EvidenceThumbs(props: { files?: EvidenceFile[] } & ({ pledgeId: string } | { scope: string; fetchFile: (sha256: string) => Promise<Blob> })) {
  const { files } = props;
  if (!files?.length) return null;
  const scope = 'pledgeId' in props ? props.pledgeId : props.scope;
  const fetchFile = 'pledgeId' in props ? (sha256: string) => pledgeEvidenceBlob(props.pledgeId, sha256) : props.fetchFile;
  return (
    <Space size={4} wrap>
      {files.map((file) => (
        <Thumb key={file.sha256} scope={scope} fetchFile={fetchFile} file={file} />
      ))}
    </Space>
  );
}
