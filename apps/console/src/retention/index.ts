import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import GavelIcon from '@mui/icons-material/Gavel';
import { DestructionBatchList, DestructionBatchShow } from './DestructionBatches';
import { LegalHoldCreate, LegalHoldList } from './LegalHolds';

/** 廃棄予定一覧 (intake's records, and outreach's targets as resource outreach-destruction-batches): approve or reject as a city supervisor. */
export const destructionBatches = { list: DestructionBatchList, show: DestructionBatchShow, icon: DeleteSweepIcon };

/** リーガルホールド (intake retention). */
export const legalHolds = { list: LegalHoldList, create: LegalHoldCreate, icon: GavelIcon };
