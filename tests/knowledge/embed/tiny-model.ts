/**
 * A tiny sentence-embedding model for the tests, written from scratch: an ONNX graph with one
 * Gather node (token id → a random vector, as a transformer's embedding layer does) over the
 * words of a vocabulary, and a WordPiece tokenizer.json for the same words. Its random weights
 * prove the plumbing (load, tokenize, embed, pool, store, fuse), not the quality.
 */
import fs from "node:fs";
import path from "node:path";

/** Protobuf wire encoding, just what ONNX's ModelProto needs. */
const varint = (n: number | bigint): number[] => {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
};
const key = (field: number, wire: number) => varint((field << 3) | wire);
const num = (field: number, n: number | bigint) => [...key(field, 0), ...varint(n)];
const bytes = (field: number, b: Uint8Array | number[]) => [...key(field, 2), ...varint(b.length), ...b];
const str = (field: number, s: string) => bytes(field, [...Buffer.from(s, "utf8")]);

function tensorType(elemType: number, dims: (number | string)[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, typeof d === "number" ? num(1, d) : str(2, d)));
  return bytes(1, [...num(1, elemType), ...bytes(2, shape)]);
}
const valueInfo = (name: string, elemType: number, dims: (number | string)[]) => [...str(1, name), ...bytes(2, tensorType(elemType, dims))];

/** Writes model.onnx and tokenizer.json for `words` into `dir`; returns the folder. */
export function writeTinyModel(dir: string, words: string[], dimensions = 16, seed = 7): string {
  fs.mkdirSync(dir, { recursive: true });
  const vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", ...new Set(words.map((w) => w.toLowerCase()))];
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const weights = new Float32Array(vocab.length * dimensions).map(() => rand());
  const FLOAT = 1;
  const INT64 = 7;
  const initializer = [...num(1, vocab.length), ...num(1, dimensions), ...num(2, FLOAT), ...str(8, "embeddings"), ...bytes(9, new Uint8Array(weights.buffer))];
  const node = [...str(1, "embeddings"), ...str(1, "input_ids"), ...str(2, "last_hidden_state"), ...str(3, "gather"), ...str(4, "Gather")];
  const graph = [
    ...bytes(1, node),
    ...str(2, "tiny"),
    ...bytes(5, initializer),
    ...bytes(11, valueInfo("input_ids", INT64, ["batch", "sequence"])),
    ...bytes(11, valueInfo("attention_mask", INT64, ["batch", "sequence"])),
    ...bytes(12, valueInfo("last_hidden_state", FLOAT, ["batch", "sequence", dimensions])),
  ];
  const model = [...num(1, 8), ...str(2, "secretariat-bot tests"), ...bytes(7, graph), ...bytes(8, [...str(1, ""), ...num(2, 13)])];
  fs.writeFileSync(path.join(dir, "model.onnx"), Uint8Array.from(model));
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: vocab.slice(0, 4).map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [{ Sequence: { id: "A", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }],
      special_tokens: { "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] } },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((w, i) => [w, i])) },
  };
  fs.writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(tokenizer));
  fs.writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify({ do_lower_case: true, model_max_length: 256, cls_token: "[CLS]", sep_token: "[SEP]", unk_token: "[UNK]", pad_token: "[PAD]" }));
  return dir;
}
