/** French catalogue, part: the cnn-pooling chapter's widgets, in their own code. See ../fr.ts. */
export const cnnPooling: Record<string, string> = {
};
