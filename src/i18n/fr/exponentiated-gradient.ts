/** French catalogue, part: the exponentiated-gradient chapter's widgets, in their own code. See ../fr.ts. */
export const exponentiatedGradient: Record<string, string> = {
};
