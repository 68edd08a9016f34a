ALTER TABLE `projects` ADD `agent_github_access` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `pr_details` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `first_session` text;