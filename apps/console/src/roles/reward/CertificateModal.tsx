import { useQuery } from '@tanstack/react-query';
import { Modal } from 'antd';
import { useRef } from 'react';
import { apiText } from '../../api/client';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import type { Grant } from './types';

/** A grant's printable certificate (荣誉证书), in a frame that prints on its own. */
export function CertificateModal({ grant, onClose }: { grant?: Grant; onClose: () => void }) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const certificate = useQuery({
    queryKey: ['reward', 'certificate', grant?.grantId, grant?.revision],
    enabled: !!grant,
    queryFn: async () => (await apiText('/api/v1/rewards/grants/{grantId}/certificate', { path: { grantId: grant!.grantId } })).data,
  });
  return (
    <Modal open={!!grant} onCancel={onClose} width={Math.min(900, window.innerWidth)} title={t('reward.certificate')} okText={t('common.print')} onOk={() => frame.current?.contentWindow?.print()} cancelText={t('common.cancel')}>
      {certificate.error && <ProblemAlert error={certificate.error} />}
      {certificate.data ? <iframe ref={frame} title={t('reward.certificate')} className="certificate-frame" srcDoc={certificate.data} style={{ width: '100%', minHeight: 560, border: '1px solid #ddd' }} /> : !certificate.error && <Loading />}
    </Modal>
  );
}

