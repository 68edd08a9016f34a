import { desc, eq } from 'drizzle-orm';
import type { PullReview } from '../../shared/contract/reviews';
import type { Db } from '../store/database';
import { pullReviews } from '../store/schema';

export type PullReviewRow = typeof pullReviews.$inferSelect;
export type NewPullReview = Omit<typeof pullReviews.$inferInsert, 'createdAt' | 'updatedAt'>;
export type PullReviewPatch = Partial<
  Omit<PullReviewRow, 'id' | 'projectId' | 'workspaceId' | 'repo' | 'number' | 'createdAt' | 'updatedAt'>
>;

/** The only writer of the `pull_reviews` table. */
export class ReviewsRepository {
  constructor(private readonly db: Db) {}

  static toReview(row: PullReviewRow): PullReview {
    return {
      id: row.id,
      projectId: row.projectId,
      workspaceId: row.workspaceId,
      sessionId: row.sessionId,
      repo: row.repo,
      number: row.number,
      title: row.title,
      url: row.url,
      headSha: row.headSha,
      status: row.status,
      summary: row.summary,
      verdict: row.verdict,
      comments: row.comments,
      edited: row.edited,
      agentText: row.agentText,
      readProblem: row.readProblem,
      submitError: row.submitError,
      submittedUrl: row.submittedUrl,
      submittedAt: row.submittedAt?.getTime() ?? null,
      createdAt: row.createdAt.getTime(),
      updatedAt: row.updatedAt.getTime(),
    };
  }

  get(id: string): PullReviewRow | null {
    return this.db.select().from(pullReviews).where(eq(pullReviews.id, id)).get() ?? null;
  }

  list(): PullReviewRow[] {
    return this.db.select().from(pullReviews).orderBy(desc(pullReviews.createdAt)).all();
  }

  insert(input: NewPullReview): PullReviewRow {
    const now = new Date();
    return this.db
      .insert(pullReviews)
      .values({ ...input, createdAt: now, updatedAt: now })
      .returning()
      .get();
  }

  update(id: string, patch: PullReviewPatch): PullReviewRow | null {
    return (
      this.db
        .update(pullReviews)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(pullReviews.id, id))
        .returning()
        .get() ?? null
    );
  }
}
