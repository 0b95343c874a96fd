import type { LineFormat } from "../readers/format.js";
import { lineFormats } from "../readers/index.js";
import { sparseCanonical } from "../readers/sparse.js";
import { Row, tokenValues, type Token } from "../readers/row.js";
import type { Fix, FixEdit } from "../types.js";
import type { FileFacts, Rule } from "../engine/api.js";
import { spacesShown } from "../text/python.js";

/** Identity, for typing a rule object where it is declared. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export function formatOf(facts: FileFacts): LineFormat {
  return lineFormats[facts.format];
}

const scratch = new Row();

/** Every label token of `row`, re-scanned on a scratch row (slow path: for fixes and messages; C tokens for a sparse row). */
export function tokensOf(row: Row, facts: FileFacts): Token[] {
  const tokens: Token[] = [];
  scratch.reset(row.buf, row.start, row.end, row.line);
  (row.sparse ? sparseCanonical(facts.numClasses) : formatOf(facts)).parse(scratch, tokens);
  return tokens;
}

/**
 * The row's values as canonical label text (`0,1,0` or `0 1 0`), -1 kept;
 * undefined when a value is not 0/1/-1 in meaning.
 */
export function canonicalLabels(row: Row, facts: FileFacts): string | undefined {
  const values = tokenValues(tokensOf(row, facts));
  return values === undefined ? undefined : joinValues(values, facts);
}

export function joinValues(values: readonly number[], facts: FileFacts): string {
  return values.join(formatOf(facts).valueSeparator);
}

export function fix(applicability: Fix["applicability"], description: string, edits: FixEdit[]): Fix {
  return { applicability, description, edits };
}

/** Text of `[start, end)` of the row's buffer, shortened for a message. */
export function excerpt(row: Row, start: number, end: number, max = 40): string {
  // A TAB or another whitespace character is written as Python's repr writes it (`\t`, `\xa0`): printed as it is, it reads as a space.
  const text = spacesShown(row.buf.toString("utf8", start, end));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** " (class 'beach')" when names are known, else "". */
export function className(facts: FileFacts, index: number): string {
  const name = facts.classNames?.[index];
  return name === undefined ? "" : ` '${name}'`;
}
