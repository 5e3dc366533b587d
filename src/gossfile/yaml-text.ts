/**
 * YAML text as goss's decoder reads it: yaml.v3's `Unmarshal` decodes the first document of a stream and
 * never looks past its end, so the documents after a second `---` are ignored, their errors too. Plain
 * integers are read as Go reads them (go-yaml.ts); merge keys are known (merge-keys.ts applies them).
 */
import { type Document, parseAllDocuments, parseDocument, type Tags } from 'yaml';
import { GO_INT_TAG } from './go-yaml.js';

export interface YamlText {
  /** The first document (an empty one for a stream with none). */
  doc: Document.Parsed;
  /** Where the second document starts, when there is one (an offset in the text). */
  ignoredFrom?: number;
}

const OPTIONS = {
  prettyErrors: false,
  merge: true,
  customTags: (tags: Tags): Tags => [GO_INT_TAG, ...tags],
};

/** `uniqueKeys: false` for a `.json` spec, whose decoder takes a key given twice (json-keys.ts). */
export function parseYamlText(text: string, opts: { uniqueKeys?: boolean } = {}): YamlText {
  const options = { ...OPTIONS, uniqueKeys: opts.uniqueKeys ?? true };
  const docs = parseAllDocuments(text, options);
  const doc = docs[0] ?? parseDocument(text, options);
  const second = docs[1]?.range[0];
  return second === undefined ? { doc } : { doc, ignoredFrom: second };
}

/** The warning for the documents goss ignores. */
export const IGNORED_DOCUMENTS =
  'a second YAML document: goss reads the first document only, this one and any after it are ignored';
