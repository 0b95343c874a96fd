// Regenerates fixtures/formats/: one small dataset written in every input format
// labellint reads (deterministic), plus defective variants of the record formats.
// Run: node scripts/make-format-fixtures.mjs
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "./random.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "formats");

// Five NUS-WIDE concepts, in the order of NUS-WIDE's Concepts81.txt.
const CLASSES = ["airport", "animal", "beach", "bear", "birds"];


/**
 * 16 rows with NUS-WIDE ImageList paths (Windows `\` separators). Planted, the
 * same in every format: an empty labelset (row 5), a copy of row 2 with the
 * same labels (row 9), a copy of row 4 with other labels (row 12), a path
 * holding a comma (row 10), and 'bear' positive in only two rows.
 */
function dataset() {
  const rand = mulberry32(81);
  const folders = ["airport", "animal", "beach", "birds"];
  const rows = [];
  for (let r = 0; r < 16; r++) {
    const folder = folders[r % folders.length];
    const flickr = Math.floor(100000000 + rand() * 2900000000);
    const path = `${folder}\\${String(r + 1).padStart(4, "0")}_${flickr}.jpg`;
    const labels = CLASSES.map((name) => (name === folder || (name !== "bear" && rand() < 0.3) ? 1 : 0));
    rows.push({ path, labels });
  }
  rows[5].labels = [0, 0, 0, 0, 0];
  rows[7].labels[3] = 1;
  rows[11].labels[3] = 1;
  rows[9] = { path: rows[2].path, labels: [...rows[2].labels] };
  rows[12] = { path: rows[4].path, labels: rows[4].labels.map((v) => 1 - v) };
  rows[10].path = "beach\\0011_sand,sea.jpg";
  return rows;
}

const indicesOf = (labels) => labels.flatMap((v, i) => (v === 1 ? [i] : []));
const csvField = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function write(rel, content) {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

rmSync(root, { recursive: true, force: true });
const rows = dataset();

write("label_list.txt", CLASSES.map((name, i) => `${i} ${name}\n`).join(""));
write("sample.paddleclas.txt", rows.map((r) => `${r.path}\t${r.labels.join(",")}\n`).join(""));
write("sample.spaced.txt", rows.map((r) => `${r.path} ${r.labels.join(" ")}\n`).join(""));
write("sample.indices.txt", rows.map((r) => `${r.path}\t${indicesOf(r.labels).join(",")}\n`).join(""));
write("sample.csv", [`path,${CLASSES.join(",")}\n`, ...rows.map((r) => `${csvField(r.path)},${r.labels.join(",")}\n`)].join(""));
// As a spreadsheet exports it: a byte-order mark, CRLF, every text field quoted.
write("spreadsheet.csv", `\uFEFF${[`"path",${CLASSES.map((c) => `"${c}"`).join(",")}`, ...rows.map((r) => `"${r.path}",${r.labels.join(",")}`)].join("\r\n")}\r\n`);
// One entry per line, so each entry's line is the line of its row in the other formats (+3).
write(
  "sample.json",
  `{\n  "metainfo": {"classes": ${JSON.stringify(CLASSES)}},\n  "data_list": [\n${rows
    .map((r) => `    ${JSON.stringify({ img_path: r.path, gt_label: indicesOf(r.labels) })}`)
    .join(",\n")}\n  ]\n}\n`,
);

// The original NUS-WIDE layout: an image list, one 0/1 file per concept, the concept list.
write("nus-wide/Concepts.txt", CLASSES.map((c) => `${c}\r\n`).join(""));
write("nus-wide/ImageList/TrainImagelist.txt", rows.map((r) => `${r.path}\r\n`).join(""));
CLASSES.forEach((name, c) => {
  write(`nus-wide/Groundtruth/TrainTestLabels/Labels_${name}_Train.txt`, rows.map((r) => `${r.labels[c]}\r\n`).join(""));
});

// Defects of the columns layout: a per-class file one line short, one a line long, a bad value.
const short = rows.slice(0, 6);
write("nus-wide-defects/Concepts.txt", CLASSES.map((c) => `${c}\n`).join(""));
write("nus-wide-defects/ImageList/TrainImagelist.txt", short.map((r) => `${r.path}\n`).join(""));
CLASSES.forEach((name, c) => {
  let values = short.map((r) => `${r.labels[c]}`);
  if (name === "animal") values = values.slice(0, 4);
  if (name === "beach") values = [...values, "0"];
  if (name === "birds") values[2] = "2";
  write(`nus-wide-defects/Groundtruth/TrainTestLabels/Labels_${name}_Train.txt`, values.map((v) => `${v}\n`).join(""));
});
