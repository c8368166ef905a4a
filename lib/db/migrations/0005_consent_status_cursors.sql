CREATE TABLE "consent_status_cursors" (
	"provider_id" text PRIMARY KEY NOT NULL,
	"since" timestamp with time zone,
	"polled_at" timestamp with time zone,
	"last_error" text
);
