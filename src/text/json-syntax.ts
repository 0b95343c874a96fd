/**
 * JSON.parse's syntax errors in words a user can act on: where (line and
 * column of the file, not V8's offset or its quote of the text around the
 * token) and what, for every JSON file labellint reads (annotation files,
 * labellint configs, fix plans, partials).
 */

const QUOTED = /^Unexpected token '([\s\S]+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;

/**
 * The offset of a JSON syntax error, from the parser's message: V8 gives
 * `at position N`, or quotes the text around the offending token (up to 10
 * characters either side, with `...` where it cut), which is found in the
 * text. 0 when neither tells.
 */
export function jsonSyntaxOffset(text: string, message: string): number {
  const at = /position (\d+)/.exec(message);
  if (at !== null) return Math.min(Number(at[1]), text.length);
  if (/end of JSON input/.test(message)) return text.length;
  const quoted = QUOTED.exec(message);
  if (quoted === null) return 0;
  const [, token, cutBefore, snippet, cutAfter] = quoted as unknown as [string, string, string | undefined, string, string | undefined];
  const CONTEXT = 10;
  if (cutBefore === undefined) return cutAfter === undefined ? Math.max(0, text.indexOf(token)) : Math.max(0, snippet.length - CONTEXT);
  const start = cutAfter === undefined ? text.length - snippet.length : text.indexOf(snippet);
  return start < 0 ? 0 : Math.min(start + CONTEXT, text.length);
}

/** A parser message without the text it quotes or the offset it names (the line and column say where). */
export function jsonSyntaxDetail(message: string): string {
  return message
    .replace(/^JSON\.parse: /, "")
    .replace(/ (?:in JSON )?at position \d+$/, "")
    .replace(QUOTED, (_all, token: string) => `Unexpected token '${JSON.stringify(token).slice(1, -1)}'`);
}

/** `Unexpected end of JSON input (line 4 column 3)`: what JSON.parse refused in `text`, and where. */
export function jsonSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonSyntaxOffset(text, message);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${jsonSyntaxDetail(message)} (line ${line} column ${column})`;
}
