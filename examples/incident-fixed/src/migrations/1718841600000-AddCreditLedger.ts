import type { MigrationInterface, QueryRunner } from 'typeorm';

// Shipped migrations are never edited: the singular table this creates is renamed to
// "credit_transactions" by 1721433600000-AddBillingAndAgentTables.ts.
export class AddCreditLedger1718841600000 implements MigrationInterface {
  name = 'AddCreditLedger1718841600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "credit_transaction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "amount" integer NOT NULL, "reason" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_credit_transaction_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credit_transaction_org_created" ON "credit_transaction" ("organization_id", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_credit_transaction_org_created"`);
    await queryRunner.query(`DROP TABLE "credit_transaction"`);
  }
}
