CREATE TABLE "consent_revokes" (
	"revoke_id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"api" text NOT NULL,
	"consumer_reference_id" text,
	"provider_reference_id" text,
	"scopes" text[] NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"claim_id" text,
	"last_error" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consent_revokes_outbox_idx" ON "consent_revokes" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "consent_revokes_pair_idx" ON "consent_revokes" USING btree ("school_id","provider_id","api");