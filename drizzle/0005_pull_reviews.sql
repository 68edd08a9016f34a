CREATE TABLE `pull_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`session_id` text,
	`repo` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`url` text NOT NULL,
	`head_sha` text NOT NULL,
	`status` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`verdict` text DEFAULT 'COMMENT' NOT NULL,
	`comments` text NOT NULL,
	`edited` integer DEFAULT false NOT NULL,
	`agent_text` text DEFAULT '' NOT NULL,
	`read_problem` text,
	`submit_error` text,
	`submitted_url` text,
	`submitted_at` integer,
	`pending_prompt` text,
	`provider` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pull_reviews_workspace_idx` ON `pull_reviews` (`workspace_id`);