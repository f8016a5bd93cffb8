import type { MigrationInterface, QueryRunner } from 'typeorm';

// The fix for 1719446400000-DropUnusedApiKeys: ApiKey is still an entity, so its table comes back.
export class RestoreApiKeys1719532800000 implements MigrationInterface {
  name = 'RestoreApiKeys1719532800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prefix" character varying(12) NOT NULL, "hashed_secret" character varying NOT NULL, "organization_id" uuid, CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
