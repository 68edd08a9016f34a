CREATE TABLE `ratchet_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`links` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ratchet_activity_workspace_idx` ON `ratchet_activity` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `ratchet_workspaces` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`overrides` text NOT NULL,
	`progress` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
