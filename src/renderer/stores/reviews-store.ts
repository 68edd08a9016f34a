import type { PullReview, ReviewInbox } from '@shared/contract/reviews';
import { create } from 'zustand';

interface ReviewsStore {
  /** Null until the first snapshot. */
  inbox: ReviewInbox | null;
  /** Every stored review, by id. */
  byId: Record<string, PullReview>;
  setInbox(inbox: ReviewInbox): void;
  replaceReviews(all: PullReview[]): void;
  upsertReview(review: PullReview): void;
}

export const useReviews = create<ReviewsStore>((set) => ({
  inbox: null,
  byId: {},
  setInbox: (inbox) => set({ inbox }),
  replaceReviews: (all) => set({ byId: Object.fromEntries(all.map((r) => [r.id, r])) }),
  upsertReview: (review) =>
    set((s) => {
      const current = s.byId[review.id];
      // Pushed events and call answers can cross: keep the newest.
      if (current && current.updatedAt > review.updatedAt) return s;
      return { byId: { ...s.byId, [review.id]: review } };
    }),
}));

/** Reviews newest first. */
export function sortedReviews(byId: Record<string, PullReview>): PullReview[] {
  return Object.values(byId).sort((a, b) => b.createdAt - a.createdAt);
}
