CREATE TABLE "fundamentals" (
	"symbol" text NOT NULL,
	"provider" text NOT NULL,
	"data" jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fundamentals_symbol_provider_pk" PRIMARY KEY("symbol","provider")
);
--> statement-breakpoint
CREATE TABLE "provider_fetches" (
	"provider" text NOT NULL,
	"dataset" text NOT NULL,
	"symbol" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"fetched_day" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	CONSTRAINT "provider_fetches_provider_dataset_symbol_pk" PRIMARY KEY("provider","dataset","symbol")
);
--> statement-breakpoint
CREATE TABLE "provider_request_budget" (
	"provider" text NOT NULL,
	"day" text NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"exhausted_at" timestamp with time zone,
	"exhausted_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_request_budget_provider_day_pk" PRIMARY KEY("provider","day")
);
--> statement-breakpoint
CREATE TABLE "saved_screens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"universe_id" uuid,
	"name" text NOT NULL,
	"filter" text NOT NULL,
	"sort" text,
	"view" text DEFAULT 'overview' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "universe_listings" (
	"universe_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"name" text,
	"sector" text,
	"industry" text,
	"exchange" text,
	"market_cap" double precision,
	"last_sale" double precision,
	"ipo_year" integer,
	"is_etf" boolean DEFAULT false NOT NULL,
	"included" boolean NOT NULL,
	"excluded_by" text,
	CONSTRAINT "universe_listings_universe_id_symbol_pk" PRIMARY KEY("universe_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "universe_snapshot_rows" (
	"snapshot_id" bigint NOT NULL,
	"symbol" text NOT NULL,
	"name" text,
	"sector" text,
	"industry" text,
	"exchange" text,
	"market_cap" double precision,
	"metrics" jsonb NOT NULL,
	CONSTRAINT "universe_snapshot_rows_snapshot_id_symbol_pk" PRIMARY KEY("snapshot_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "universe_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"universe_id" uuid NOT NULL,
	"as_of" text NOT NULL,
	"member_count" integer NOT NULL,
	"benchmark" text,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "universes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"rules" jsonb NOT NULL,
	"benchmark" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "universes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "watchlist_symbols" (
	"watchlist_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watchlist_symbols_watchlist_id_symbol_pk" PRIMARY KEY("watchlist_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "watchlists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "saved_screens" ADD CONSTRAINT "saved_screens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_screens" ADD CONSTRAINT "saved_screens_universe_id_universes_id_fk" FOREIGN KEY ("universe_id") REFERENCES "public"."universes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "universe_listings" ADD CONSTRAINT "universe_listings_universe_id_universes_id_fk" FOREIGN KEY ("universe_id") REFERENCES "public"."universes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "universe_snapshot_rows" ADD CONSTRAINT "universe_snapshot_rows_snapshot_id_universe_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."universe_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "universe_snapshots" ADD CONSTRAINT "universe_snapshots_universe_id_universes_id_fk" FOREIGN KEY ("universe_id") REFERENCES "public"."universes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watchlist_symbols" ADD CONSTRAINT "watchlist_symbols_watchlist_id_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."watchlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watchlists" ADD CONSTRAINT "watchlists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_screens_user_name_idx" ON "saved_screens" USING btree ("user_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "universe_snapshots_universe_as_of_idx" ON "universe_snapshots" USING btree ("universe_id","as_of");--> statement-breakpoint
CREATE INDEX "watchlist_symbols_symbol_idx" ON "watchlist_symbols" USING btree ("symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "watchlists_user_name_idx" ON "watchlists" USING btree ("user_id","name");