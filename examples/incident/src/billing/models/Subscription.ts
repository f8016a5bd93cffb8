import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// The billing team's own copy of Subscription, from before the model moved to src/models/.
// Both map `subscriptions`; only one of them is registered, and they have already drifted apart
// (this one has no organization relation).
@Entity('subscriptions')
export class Subscription {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  plan!: string;
}
