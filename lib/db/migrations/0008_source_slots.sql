CREATE TABLE "source_slot_waiters" (
	"source_id" text NOT NULL,
	"holder" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"served_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "source_slot_waiters_source_id_holder_pk" PRIMARY KEY("source_id","holder")
);
--> statement-breakpoint
CREATE TABLE "source_slots" (
	"source_id" text NOT NULL,
	"slot" integer NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone,
	CONSTRAINT "source_slots_source_id_slot_pk" PRIMARY KEY("source_id","slot")
);
