CREATE TABLE "regime_fits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" integer,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"source" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"error" text,
	"options" jsonb NOT NULL,
	"from_ts" timestamp with time zone,
	"to_ts" timestamp with time zone,
	"tracked" boolean DEFAULT false NOT NULL,
	"model" jsonb,
	"summary" jsonb,
	"series" jsonb,
	"input" jsonb,
	"current" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "regime_fits" ADD CONSTRAINT "regime_fits_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regime_fits" ADD CONSTRAINT "regime_fits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regime_fits_created_idx" ON "regime_fits" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "regime_fits_symbol_created_idx" ON "regime_fits" USING btree ("symbol","created_at");--> statement-breakpoint
CREATE INDEX "regime_fits_tracked_idx" ON "regime_fits" USING btree ("instrument_id","timeframe") WHERE tracked and status = 'succeeded';