CREATE TABLE "school_employees" (
	"school_id" text NOT NULL,
	"user_id_type" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_employees_school_id_user_id_type_user_id_pk" PRIMARY KEY("school_id","user_id_type","user_id")
);
