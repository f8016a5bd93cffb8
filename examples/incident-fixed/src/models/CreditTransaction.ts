import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './Organization.js';

// Moved from src/billing/models/. Its table is the old "credit_transaction", renamed by
// 1721433600000-AddBillingAndAgentTables.ts.
@Entity('credit_transactions')
export class CreditTransaction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization!: Organization;

  /** Credits added (positive) or consumed (negative). */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'varchar', length: 64 })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
