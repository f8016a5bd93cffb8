import { Table } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// The fix for the 503 outage: create the tables the billing and agents models expect.
export class AddBillingAndAgentTables1721433600000 implements MigrationInterface {
  name = 'AddBillingAndAgentTables1721433600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "plan" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'trialing', "current_period_end" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_subscriptions_id" PRIMARY KEY ("id"), CONSTRAINT "FK_subscriptions_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE)`,
    );

    // The ledger table already exists under the drafted singular name and may hold rows:
    // rename it rather than create an empty plural twin.
    await queryRunner.renameTable('credit_transaction', 'credit_transactions');

    await queryRunner.createTable(
      new Table({
        name: 'agent_executions',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true, default: 'gen_random_uuid()' },
          { name: 'organization_id', type: 'uuid' },
          { name: 'api_key_id', type: 'uuid', isNullable: true },
          { name: 'agent_name', type: 'varchar', length: '100' },
          { name: 'status', type: 'varchar', length: '16', default: "'queued'" },
          { name: 'credits_used', type: 'integer', default: 0 },
          { name: 'started_at', type: 'timestamptz', isNullable: true },
          { name: 'finished_at', type: 'timestamptz', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['api_key_id'], referencedTableName: 'api_keys', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
      }),
      true,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('agent_executions');
    await queryRunner.renameTable('credit_transactions', 'credit_transaction');
    await queryRunner.query(`DROP TABLE "subscriptions"`);
  }
}
