/** French catalogue, part: the brains-not-feed-forward chapter's widgets, in their own code. See ../fr.ts. */
export const brainsNotFeedForward: Record<string, string> = {
};
