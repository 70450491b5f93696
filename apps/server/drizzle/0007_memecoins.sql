CREATE TABLE "collector_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collector" text NOT NULL,
	"token" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"error" text,
	"quota" jsonb
);
--> statement-breakpoint
CREATE TABLE "meme_tokens" (
	"address" text PRIMARY KEY NOT NULL,
	"chain" text DEFAULT 'ethereum' NOT NULL,
	"symbol" text NOT NULL,
	"name" text,
	"decimals" integer DEFAULT 18 NOT NULL,
	"total_supply" numeric(78, 0),
	"from_creation" boolean DEFAULT false NOT NULL,
	"instrument_symbol" text,
	"search_query" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"next_block" bigint,
	"x_since_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"risk_score" integer NOT NULL,
	"trigger" text NOT NULL,
	"trusted" text,
	"flags" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "social_posts" (
	"token" text NOT NULL,
	"source" text NOT NULL,
	"id" text NOT NULL,
	"author" text,
	"text" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"url" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"label" text NOT NULL,
	"score" double precision NOT NULL,
	"collected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "social_posts_token_source_id_pk" PRIMARY KEY("token","source","id")
);
--> statement-breakpoint
CREATE TABLE "token_transfers" (
	"token" text NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"block" bigint NOT NULL,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"value" numeric(78, 0) NOT NULL,
	"ts" timestamp with time zone,
	CONSTRAINT "token_transfers_token_tx_hash_log_index_pk" PRIMARY KEY("token","tx_hash","log_index")
);
--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_token_meme_tokens_address_fk" FOREIGN KEY ("token") REFERENCES "public"."meme_tokens"("address") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_token_meme_tokens_address_fk" FOREIGN KEY ("token") REFERENCES "public"."meme_tokens"("address") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_transfers" ADD CONSTRAINT "token_transfers_token_meme_tokens_address_fk" FOREIGN KEY ("token") REFERENCES "public"."meme_tokens"("address") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collector_runs_recent_idx" ON "collector_runs" USING btree ("collector","finished_at");--> statement-breakpoint
CREATE INDEX "risk_assessments_token_time_idx" ON "risk_assessments" USING btree ("token","assessed_at");--> statement-breakpoint
CREATE INDEX "social_posts_time_idx" ON "social_posts" USING btree ("token","posted_at");--> statement-breakpoint
CREATE INDEX "token_transfers_block_idx" ON "token_transfers" USING btree ("token","block");