CREATE TABLE `iterate_loops` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`session_id` text NOT NULL,
	`goal` text NOT NULL,
	`command` text NOT NULL,
	`max_iterations` integer NOT NULL,
	`timeout_ms` integer NOT NULL,
	`iteration` integer NOT NULL,
	`phase` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`last_check` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `iterate_loops_workspace_idx` ON `iterate_loops` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`workspace_id` text,
	`name` text NOT NULL,
	`cron` text NOT NULL,
	`timezone` text NOT NULL,
	`prompt` text,
	`quick_action` text,
	`provider` text,
	`run_missed` integer NOT NULL,
	`enabled` integer NOT NULL,
	`last_slot_at` integer NOT NULL,
	`last_result` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
