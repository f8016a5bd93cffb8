import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './Organization.js';

export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'canceled';

// Added with the billing launch. It sits in the canonical models directory and is registered in
// data-source.ts, but the migration that was meant to create its table never got written.
@Entity('subscriptions')
export class Subscription {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization!: Organization;

  @Column({ type: 'varchar', length: 32 })
  plan!: string;

  @Column({ type: 'varchar', length: 16, default: 'trialing' })
  status!: SubscriptionStatus;

  @Column({ name: 'current_period_end', type: 'timestamptz' })
  currentPeriodEnd!: Date;
}
