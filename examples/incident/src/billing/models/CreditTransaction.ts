import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../models/Organization.js';

// Written by the billing team in their own folder. data-source.ts never imports it, and the only
// ledger migration creates "credit_transaction" (singular), not "credit_transactions".
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
