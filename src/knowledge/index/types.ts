/** The index's data: documents, passages as indexed, hits and what a question's search gives. */
import type { DocumentKind } from "../import/document-metadata.ts";

/** A document as the index needs it. */
export interface IndexDocument {
  slug: string;
  title: string;
  year: number | null;
  kind: DocumentKind;
}

/** A passage as the index needs it. */
export interface IndexPassage {
  id: number;
  documentSlug: string;
  ord: number;
  label: string;
  headings: string[];
  text: string;
  /** the passage's sentence embedding, when a model made one */
  vector?: Float32Array;
}

/** A passage with what the index derived from it. */
export interface Entry extends IndexPassage {
  markers: string[];
  /** " iv 3 a ii ": the label's tokens, for matching a label typed in full */
  labelTokens: string;
  /** adjacent term pairs of text and headings, for the phrase bonus */
  pairs: Set<string>;
  /** every term of the passage (text, headings, label, document), for coverage */
  termSet: Set<string>;
  labelWordSet: Set<string>;
}

/** One passage found for a question, best first. */
export interface Hit {
  passage: IndexPassage;
  document: IndexDocument;
  /** 0..1: how well the passage answers, relative to the best */
  score: number;
}

/** The ranking's features the decline decision reads (answer/decline.ts). */
export interface RankingFeatures {
  /** weighted share of the question's words the best passage has */
  coverage: number;
  /** the same counting only the words as typed, not their synonyms */
  exactCoverage: number;
  /** 1 − second score / best score */
  gap: number;
  /** weighted share of the question's words no passage has */
  unknownShare: number;
  /** content words of the question */
  terms: number;
  /** the question named a document the index has */
  documentNamed: boolean;
  /** best passage's search score per content word, log(1 + x) */
  scorePerTerm: number;
  /** the heaviest question word the best passage lacks, relative to the heaviest of all (0: it has them all) */
  missingMax: number;
  /** the dense ranking's best cosine similarity, 0 without a model */
  cosine: number;
}

/** Why no passage is offered as the answer, when it is not the decline model's call. */
export interface Refusal {
  kind: "missing-label" | "missing-document";
  /** what to say ("The 2012 strategy has no 9.z; …") */
  message: string;
  /** labels to offer instead, best first */
  nearest: { document: string; label: string }[];
}

/** What the index makes of a question. */
export interface SearchOutcome {
  answered: boolean;
  /** best first; when `answered` is false, the nearest passages (possibly none) */
  hits: Hit[];
  /** for "list" questions: the items of the list the best passage belongs to, in order */
  list?: Hit[];
  /** the passage that introduces the list ("... the following strategic objectives:") */
  listLead?: Hit;
  /** how the answer was found, for logs and the evaluation */
  via: "label" | "search" | "none";
  /** the decline model's probability that the best passage answers (1 for a label found) */
  confidence: number;
  features?: RankingFeatures;
  refusal?: Refusal;
}
