/**
 * A sentence-transformer exported to ONNX (e.g. all-MiniLM-L6-v2): `model.onnx` and
 * `tokenizer.json` in one folder (EMBEDDINGS_MODEL_DIR), run with onnxruntime-node on the CPU and
 * tokenized with @huggingface/tokenizers. Mean pooling over the attention mask, then L2
 * normalisation, as sentence-transformers does. Both libraries are optional dependencies, loaded
 * only when a model is configured, so a deployment without one pays nothing for them.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Embedder } from "./embedder.ts";

/** Longest input in tokens (the MiniLM models were trained on 256; longer text is cut). */
export const MAX_TOKENS = 256;
/** Texts embedded per model run. */
const BATCH = 16;

/** Why a model folder cannot be used, said in one line. */
export class EmbeddingsModelError extends Error {}

/** Loads the model in `dir`; throws EmbeddingsModelError with what is missing or wrong. */
export async function loadOnnxEmbedder(dir: string): Promise<Embedder> {
  const modelFile = path.join(dir, "model.onnx");
  const tokenizerFile = path.join(dir, "tokenizer.json");
  for (const f of [modelFile, tokenizerFile]) if (!fs.existsSync(f)) throw new EmbeddingsModelError(`EMBEDDINGS_MODEL_DIR=${dir} has no ${path.basename(f)} (it needs model.onnx and tokenizer.json of an ONNX sentence-transformer)`);
  let ort: typeof import("onnxruntime-node");
  let tokenizers: typeof import("@huggingface/tokenizers");
  try {
    ort = await import("onnxruntime-node");
    tokenizers = await import("@huggingface/tokenizers");
  } catch (e) {
    throw new EmbeddingsModelError(`EMBEDDINGS_MODEL_DIR is set but onnxruntime-node or @huggingface/tokenizers is not installed (npm install without --omit=optional): ${(e as Error).message}`);
  }
  const bytes = fs.readFileSync(modelFile);
  const configFile = path.join(dir, "tokenizer_config.json");
  const tokenizer = new tokenizers.Tokenizer(JSON.parse(fs.readFileSync(tokenizerFile, "utf8")), fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, "utf8")) : {});
  let session: import("onnxruntime-node").InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (e) {
    throw new EmbeddingsModelError(`cannot load ${modelFile}: ${(e as Error).message}`);
  }
  const inputs = new Set(session.inputNames);
  const output = session.outputNames.includes("last_hidden_state") ? "last_hidden_state" : session.outputNames[0]!;
  const model = `${path.basename(path.resolve(dir))}@${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}`;
  let dimensions = 0;

  const run = async (batch: readonly string[]): Promise<Float32Array[]> => {
    const encoded = batch.map((t) => tokenizer.encode(t));
    const len = Math.min(MAX_TOKENS, Math.max(1, ...encoded.map((e) => e.ids.length)));
    const ids = new BigInt64Array(batch.length * len);
    const mask = new BigInt64Array(batch.length * len);
    encoded.forEach((e, b) => {
      for (let i = 0; i < Math.min(len, e.ids.length); i++) {
        ids[b * len + i] = BigInt(e.ids[i]!);
        mask[b * len + i] = BigInt(e.attention_mask[i] ?? 1);
      }
    });
    const feeds: Record<string, import("onnxruntime-node").Tensor> = {
      input_ids: new ort.Tensor("int64", ids, [batch.length, len]),
    };
    if (inputs.has("attention_mask")) feeds["attention_mask"] = new ort.Tensor("int64", mask, [batch.length, len]);
    if (inputs.has("token_type_ids")) feeds["token_type_ids"] = new ort.Tensor("int64", new BigInt64Array(batch.length * len), [batch.length, len]);
    const result = await session.run(feeds);
    const hidden = result[output]!;
    const data = hidden.data as Float32Array;
    const dim = hidden.dims.at(-1)!;
    dimensions = dim;
    return batch.map((_, b) => {
      // mean pooling over the tokens the mask keeps, then unit length
      const v = new Float32Array(dim);
      let n = 0;
      for (let i = 0; i < len; i++) {
        if (mask[b * len + i] === 0n) continue;
        n++;
        const at = (b * len + i) * dim;
        for (let d = 0; d < dim; d++) v[d]! += data[at + d]!;
      }
      let norm = 0;
      for (let d = 0; d < dim; d++) {
        v[d]! /= Math.max(1, n);
        norm += v[d]! * v[d]!;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dim; d++) v[d]! /= norm;
      return v;
    });
  };

  return {
    model,
    get dimensions() {
      return dimensions;
    },
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) out.push(...(await run(texts.slice(i, i + BATCH))));
      return out;
    },
    close: () => session.release(),
  };
}
