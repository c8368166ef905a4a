CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_roles" text NOT NULL,
	"school_id" text NOT NULL,
	"data_kind" text NOT NULL,
	"action" text NOT NULL,
	"person_count" integer NOT NULL,
	"person_hash" text
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"subject" text NOT NULL,
	"role" text NOT NULL,
	"school_id" text NOT NULL,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_subject_role_school_id_pk" PRIMARY KEY("subject","role","school_id")
);
--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "access_log_school_at_idx" ON "access_log" USING btree ("school_id","at");