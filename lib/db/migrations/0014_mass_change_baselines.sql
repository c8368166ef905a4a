CREATE TABLE "mass_change_baselines" (
	"school_id" text NOT NULL,
	"list" text NOT NULL,
	"baseline_count" integer NOT NULL,
	"baseline_at" timestamp with time zone NOT NULL,
	"pending_since" timestamp with time zone,
	"pending_count" integer,
	"pending_at" timestamp with time zone,
	CONSTRAINT "mass_change_baselines_school_id_list_pk" PRIMARY KEY("school_id","list"),
	CONSTRAINT "mass_change_baselines_list_check" CHECK ("mass_change_baselines"."list" IN ('students', 'enrollments')),
	CONSTRAINT "mass_change_baselines_pending_check" CHECK (("mass_change_baselines"."pending_since" IS NULL) = ("mass_change_baselines"."pending_count" IS NULL) AND ("mass_change_baselines"."pending_since" IS NULL) = ("mass_change_baselines"."pending_at" IS NULL))
);
