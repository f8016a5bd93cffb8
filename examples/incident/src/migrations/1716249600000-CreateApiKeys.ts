import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1716249600000 implements MigrationInterface {
  name = 'CreateApiKeys1716249600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "prefix" character varying(12) NOT NULL,
        "hashed_secret" character(64) NOT NULL,
        "organization_id" uuid NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_api_keys_id" PRIMARY KEY ("id"),
        CONSTRAINT "FK_api_keys_organization_id" FOREIGN KEY ("organization_id")
          REFERENCES "organizations"("id") ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX "IDX_api_keys_prefix" ON "api_keys" ("prefix")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_api_keys_prefix"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
