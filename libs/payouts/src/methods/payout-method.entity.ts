import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import type { PayoutMethodDetails, PayoutMethodKind } from './payout-method.rules';

/** How an influencer is paid: one per influencer, replaced as a whole. `details` are full values: answers mask them (payout-method.rules.ts). */
@Entity('payout_methods')
export class PayoutMethod extends WorkspaceEntity {
  @Column('uuid') influencerId: string;
  @Column('text') kind: PayoutMethodKind;
  @Column('jsonb') details: PayoutMethodDetails;
}
