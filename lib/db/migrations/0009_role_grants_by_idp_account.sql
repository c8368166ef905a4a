-- Local role grants keyed on the IdP account (issuer, subject) instead of an e-mail address the IdP
-- may not have verified; the IdP's assertions of the last sign-in kept on the user.
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_subject_role_school_id_pk";--> statement-breakpoint
ALTER TABLE "role_assignments" ALTER COLUMN "subject" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "id" bigserial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "issuer" text;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "idp_issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "idp_subject" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "idp_email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "idp_email_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Every grant so far named an e-mail address in "subject". Each becomes an e-mail grant: it counts
-- again only for an address the IdP says is verified, in a domain the school allows
-- (staffEmailDomains), checked at every use; until then it is inactive. None becomes an account
-- grant: which IdP account an address belonged to was never checked. Addresses that differ only in
-- case collapse into one grant, the oldest.
DELETE FROM "role_assignments" a USING "role_assignments" b
  WHERE lower(a."subject") = lower(b."subject") AND a."role" = b."role" AND a."school_id" = b."school_id"
  AND (a."granted_at", a."id") > (b."granted_at", b."id");--> statement-breakpoint
UPDATE "role_assignments" SET "email" = lower("subject"), "subject" = NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_account_idx" ON "role_assignments" USING btree ("issuer","subject","role","school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_email_idx" ON "role_assignments" USING btree ("email","role","school_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_one_key" CHECK (("role_assignments"."issuer" IS NOT NULL AND "role_assignments"."subject" IS NOT NULL AND "role_assignments"."email" IS NULL) OR ("role_assignments"."issuer" IS NULL AND "role_assignments"."subject" IS NULL AND "role_assignments"."email" IS NOT NULL AND "role_assignments"."email" = lower("role_assignments"."email")));
--> statement-breakpoint
CREATE TABLE "client_assertion_jtis" (
	"client_id" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_assertion_jtis_client_id_jti_pk" PRIMARY KEY("client_id","jti")
);
--> statement-breakpoint
CREATE INDEX "client_assertion_jtis_expires_idx" ON "client_assertion_jtis" USING btree ("expires_at");