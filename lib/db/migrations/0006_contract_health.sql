CREATE TABLE "contract_health" (
	"source_id" text NOT NULL,
	"operation_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"codes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"kept" integer DEFAULT 0 NOT NULL,
	"left_out" integer DEFAULT 0 NOT NULL,
	"left_out_paths" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"normalized_paths" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"left_out_items" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unknown_enums" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"latency_buckets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_error_at" timestamp with time zone,
	"last_error_kind" text,
	"last_error_http_status" integer,
	"last_error_code" text,
	CONSTRAINT "contract_health_source_id_operation_id_hour_pk" PRIMARY KEY("source_id","operation_id","hour")
);
--> statement-breakpoint
CREATE INDEX "contract_health_hour_idx" ON "contract_health" USING btree ("hour");--> statement-breakpoint
-- Key-wise sum of two count maps ({"200": 3} + {"200": 1, "403": 1} = {"200": 4, "403": 1}), so an
-- upsert adds an instance's counts to the row in one atomic statement.
CREATE OR REPLACE FUNCTION contract_health_add_counts(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, coalesce((a ->> k)::bigint, 0) + coalesce((b ->> k)::bigint, 0)), '{}'::jsonb)
  FROM (SELECT jsonb_object_keys(coalesce(a, '{}'::jsonb)) AS k UNION SELECT jsonb_object_keys(coalesce(b, '{}'::jsonb))) AS keys
$$;
