// Type declarations for the two text libraries that ship none.
declare module "wink-porter2-stemmer" {
  /** The Snowball English (Porter2) stem of a lower-case word. */
  export default function stem(word: string): string;
}
declare module "stopword" {
  /** The English stop-word list. */
  export const eng: string[];
}
