CREATE TABLE "consent_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer_reference_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"event" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "consent_requests" (
	"consumer_reference_id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"api" text NOT NULL,
	"scopes" text[] NOT NULL,
	"extra_scopes_reason" text,
	"delivery" text NOT NULL,
	"status" text NOT NULL,
	"consumer_status" text DEFAULT 'accepted' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"provider_reference_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consent_request_events_ref_idx" ON "consent_request_events" USING btree ("consumer_reference_id","at");--> statement-breakpoint
CREATE INDEX "consent_requests_outbox_idx" ON "consent_requests" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "consent_requests_changed_idx" ON "consent_requests" USING btree ("changed_at");--> statement-breakpoint
CREATE INDEX "consent_requests_school_idx" ON "consent_requests" USING btree ("school_id");