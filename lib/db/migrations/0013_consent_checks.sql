CREATE TABLE "consent_checks" (
	"provider_id" text NOT NULL,
	"school_id" text NOT NULL,
	"api" text NOT NULL,
	"state" text NOT NULL,
	"detail" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_checks_provider_id_school_id_api_pk" PRIMARY KEY("provider_id","school_id","api")
);
