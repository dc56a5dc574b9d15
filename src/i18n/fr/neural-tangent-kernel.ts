/** French catalogue, part: the neural-tangent-kernel chapter's widgets, in their own code. See ../fr.ts. */
export const neuralTangentKernel: Record<string, string> = {
};
