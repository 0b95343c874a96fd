import { Alignment, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { readRecordLines } from "./record-lines.js";

/**
 * A `spaced` file (`path v1 v2 … vC`) as canonical lines, values as written:
 * for callers that want every input as paddleclas lines (`openCanonical`).
 * A line with no value is carried as `path<TAB>` and blank lines as they are,
 * so the engine reports them as it would in the spaced file.
 */
export async function readSpaced(input: ReaderInput): Promise<ReaderOutcome> {
  const { writer } = input;
  return readRecordLines(input.path, input.displayPath, writer, input.maxLineBytes, (l) => {
    if (l.blank) {
      writer.blank(l.line, l.text, l.eol);
      return;
    }
    const text = l.text.replace(/^\s+/, "");
    const cut = text.search(/[ \t]/);
    const path = cut === -1 ? text : text.slice(0, cut);
    const values = cut === -1 ? [] : text.slice(cut).trim().split(/[ \t]+/).filter((v) => v !== "");
    writer.row(l.line, path, values, Alignment.PathOnly, l.eol);
  });
}
