import type { ConsultationStatus, Disposition } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';

/**
 * The consultation status machine of DOMAIN §7.1, enforced on the server:
 *   受付 → スクリーニング中 → {自機関対応中 → 終了} | つなぎ済 | 多機関協働へ引継 | 支援会議付議 | 通報済 | 終了 (情報提供のみ)
 *   any status → 取消 (entered in error)
 */
export type ConsultationAction = 'start-screening' | 'triage' | 'close' | 'cancel';

const ACTIONS: Record<ConsultationStatus, readonly ConsultationAction[]> = {
  received: ['start-screening', 'cancel'],
  screening: ['triage', 'cancel'],
  handling: ['close', 'cancel'],
  closed: ['cancel'],
  referred: ['cancel'],
  'handed-to-multi-agency': ['cancel'],
  'referred-to-support-meeting': ['cancel'],
  reported: ['cancel'],
  cancelled: [],
};

export const DISPOSITION_STATUS: Record<Disposition, ConsultationStatus> = {
  'own-agency': 'handling',
  referral: 'referred',
  'multi-agency': 'handed-to-multi-agency',
  'support-meeting': 'referred-to-support-meeting',
  'information-only': 'closed',
  'mandatory-report': 'reported',
};

export function allowedConsultationActions(status: ConsultationStatus): readonly ConsultationAction[] {
  return ACTIONS[status];
}

/** The status after `action`, or a 409 naming the transition and the actions that are allowed. */
export function nextConsultationStatus(from: ConsultationStatus, action: ConsultationAction, disposition?: Disposition): ConsultationStatus {
  if (!ACTIONS[from].includes(action)) throw DomainException.invalidTransition('Consultation', from, action, ACTIONS[from]);
  switch (action) {
    case 'start-screening':
      return 'screening';
    case 'triage':
      if (!disposition) throw DomainException.invalidField('disposition', 'a disposition is required to triage');
      return DISPOSITION_STATUS[disposition];
    case 'close':
      return 'closed';
    case 'cancel':
      return 'cancelled';
  }
}
