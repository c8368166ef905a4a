CREATE TABLE "consent_known" (
	"provider_id" text NOT NULL,
	"school_id" text NOT NULL,
	"api" text NOT NULL,
	"provider_status" text NOT NULL,
	"provider_reference_id" text,
	"changed_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_known_provider_id_school_id_api_pk" PRIMARY KEY("provider_id","school_id","api")
);
