// Writes fixtures/diff/eval_list.v2.txt: the bundled NUS-WIDE-SCENE eval list with a few
// known edits, the "after" side of the README's `labellint diff` example and its test.
// Run: node scripts/make-diff-fixture.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const lines = readFileSync(join(fixtures, "nus-wide-scene", "eval_list.txt"), "utf8").split("\n").slice(0, -1);

/** Sets class `j` of (0-based) line `i` to `value`. */
function set(i, j, value) {
  const [path, labels] = lines[i].split("\t");
  const values = labels.split(",");
  if (values[j] === String(value)) throw new Error(`line ${i + 1} already has class ${j} = ${value}`);
  values[j] = String(value);
  lines[i] = `${path}\t${values.join(",")}`;
}

const SUNSET = 26;
const SKY = 23;
const CLOUDS = 6;
set(11, SUNSET, 1); // line 12 gains sunset
set(0, SKY, 0); // line 1 loses sky
set(76, CLOUDS, lines[76].split("\t")[1].split(",")[CLOUDS] === "1" ? 0 : 1); // line 77: clouds flipped
const repeated = lines[4];
lines.splice(149, 3); // lines 150-152 removed
lines.push(`images/2301_3130519718.jpg\t${new Array(33).fill(0).map((_, j) => (j === 20 ? 1 : 0)).join(",")}`); // a new image: rainbow
lines.push(`images/2302_2875534012.jpg\t${new Array(33).fill(0).map((_, j) => (j === SKY || j === SUNSET ? 1 : 0)).join(",")}`); // sky, sunset
lines.push(repeated); // line 5 listed again
mkdirSync(join(fixtures, "diff"), { recursive: true });
writeFileSync(join(fixtures, "diff", "eval_list.v2.txt"), `${lines.join("\n")}\n`);
