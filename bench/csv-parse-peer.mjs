// The peer labellint is measured against: the label-file check a Node user
// would write with csv-parse.
//
// Approach, chosen to be the strongest honest peer rather than a straw man:
// csv-parse streams records split on the format's path separator (TAB for
// paddleclas, space for spaced) and handles line endings and ragged rows
// (`relax_column_count`, else the first short row ends the stream). For
// paddleclas the label field is then split on commas with String#split, which
// is native and faster than having csv-parse tokenise every value; for spaced
// the values already are the record's fields. Quoting is off: these formats
// have none, and a `"` in a file name would otherwise derail the parse. The
// file is read in 1 MiB chunks, as labellint reads it.
//
// For csv, csv-parse reads the file as CSV (comma-delimited, quoting on, the
// header row skipped): every value is a field, as any CSV reader gives them.
//
// `splitAll` is the plain csv-parse reader (every value a field): csv-parse
// tokenises every value too (delimiter ["\t", ","]); about 2x slower.
//
// Checks, on every non-blank row: value count vs C, every value exactly "0"
// or "1", per-class positives over clean rows (k = C, all binary), and
// duplicate paths with a Set of path strings.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

/** Lints `path` the csv-parse way; returns the same tallies the bench compares. */
export async function checkWithCsvParse(path, { format, numClasses, splitAll = false }) {
  const paddle = format === "paddleclas" && !splitAll;
  const csv = format === "csv";
  const delimiter = format === "paddleclas" ? (splitAll ? ["\t", ","] : "\t") : csv ? "," : " ";
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    parse({ delimiter, quote: csv ? '"' : false, relax_column_count: true, skip_empty_lines: true, from_line: csv ? 2 : 1 }),
  );
  const positives = new Array(numClasses).fill(0);
  const ones = new Int32Array(Math.max(numClasses, 1024));
  const seen = new Set();
  let rows = 0;
  let validRows = 0;
  let badRows = 0;
  let duplicates = 0;
  const onRecord = (record) => {
    rows++;
    const imagePath = record[0];
    if (seen.has(imagePath)) duplicates++;
    else seen.add(imagePath);
    // paddleclas: fields after the label field are ignored, as PaddleClas does.
    const values = paddle ? (record[1] ?? "").split(",") : record;
    const first = paddle ? 0 : 1;
    const k = values.length - first;
    let binary = true;
    let n = 0;
    for (let i = first; i < values.length; i++) {
      const v = values[i];
      if (v === "1") {
        if (n < ones.length) ones[n] = i - first;
        n++;
      } else if (v !== "0") binary = false;
    }
    if (k !== numClasses || !binary) {
      badRows++;
      return;
    }
    validRows++;
    for (let i = 0; i < n; i++) positives[ones[i]]++;
  };
  // The 'readable' + read() loop from csv-parse's README: ~7% faster here than `for await`.
  await new Promise((resolve, reject) => {
    parser.on("readable", () => {
      for (let record; (record = parser.read()) !== null; ) onRecord(record);
    });
    parser.on("end", resolve);
    parser.on("error", reject);
  });
  return { rows, validRows, badRows, duplicates, positives };
}
