/**
 * The embeddings port: texts in, unit-length vectors out. Optional: without a model the bot
 * ranks lexically only. `onnx-embedder.ts` implements it for an ONNX sentence-transformer folder.
 */

/** A sentence-embedding model. */
export interface Embedder {
  /** names the model and its weights: vectors of two models are never compared */
  readonly model: string;
  readonly dimensions: number;
  /** one unit-length vector per text, in order */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}
