import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiKey } from '../../models/ApiKey.js';
import { Organization } from '../../models/Organization.js';

export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed';

// The agents team used the "entities" folder convention from another service.
@Entity({ name: 'agent_executions' })
export class AgentExecution {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization!: Organization;

  @ManyToOne(() => ApiKey, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey!: ApiKey | null;

  @Column({ name: 'agent_name', type: 'varchar', length: 100 })
  agentName!: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: ExecutionStatus;

  @Column({ name: 'credits_used', type: 'integer', default: 0 })
  creditsUsed!: number;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
