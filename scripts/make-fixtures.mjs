// Regenerates the bundled sample datasets under fixtures/ (deterministic).
// Run: node scripts/make-fixtures.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "./random.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

// The 33 NUS-WIDE-SCENE concepts, in PaddleClas's class-id order.
const CLASSES = [
  "airport", "beach", "bridge", "buildings", "castle", "cityscape", "clouds", "frost", "garden", "glacier",
  "grass", "harbor", "house", "lake", "moon", "mountain", "nighttime", "ocean", "plants", "railroad",
  "rainbow", "reflection", "road", "sky", "snow", "street", "sunset", "temple", "town", "valley",
  "water", "waterfall", "window",
];


// Prevalences shaped like NUS-WIDE-SCENE: sky/clouds/water common, a few scarce.
const PREVALENCE = CLASSES.map((name, i) => {
  const common = { sky: 0.55, clouds: 0.4, water: 0.25, buildings: 0.2, grass: 0.16, plants: 0.14, ocean: 0.12, sunset: 0.12 };
  if (name in common) return common[name];
  if (name === "rainbow" || name === "glacier") return 0.005; // rare: a few positives
  return 0.09 + ((i * 37) % 11) / 200;
});

function rows(count, seed, startId) {
  const rand = mulberry32(seed);
  const out = [];
  for (let r = 0; r < count; r++) {
    const values = PREVALENCE.map((p) => (rand() < p ? 1 : 0));
    const id = String(startId + r).padStart(4, "0");
    const flickr = Math.floor(100000000 + rand() * 2900000000);
    out.push(`images/${id}_${flickr}.jpg\t${values.join(",")}`);
  }
  return out;
}

/** Makes sure every class has at least `min` positives (the sample must be error-free). */
function ensurePositives(lines, min) {
  const counts = new Array(CLASSES.length).fill(0);
  const parsed = lines.map((l) => l.split("\t")[1].split(",").map(Number));
  parsed.forEach((v) => v.forEach((x, i) => (counts[i] += x)));
  counts.forEach((c, i) => {
    for (let k = c; k < min; k++) parsed[(i * 7 + k * 13) % parsed.length][i] = 1;
  });
  return lines.map((l, r) => `${l.split("\t")[0]}\t${parsed[r].join(",")}`);
}

function write(path, lines) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join("\n") + "\n");
}

const labelList = CLASSES.map((name, i) => `${i} ${name}`);
write(join(root, "nus-wide-scene", "label_list.txt"), labelList);
write(join(root, "nus-wide-scene", "train_list.txt"), ensurePositives(rows(1200, 41, 1), 4));
write(join(root, "nus-wide-scene", "eval_list.txt"), ensurePositives(rows(300, 42, 2001), 2));

// A sample with the defects real lists have, one per line, for the docs and tests.
const base = ensurePositives(rows(120, 7, 5001), 3);
const defects = [...base];
const labelsOf = (i) => defects[i].split("\t")[1];
const pathOf = (i) => defects[i].split("\t")[0];
defects[4] = "";                                                  // blank line: IndexError
defects[9] = `${pathOf(9)} ${labelsOf(9)}`;                        // space instead of TAB
defects[14] = `${pathOf(14)}\t${labelsOf(14)},`;                   // trailing comma
defects[19] = `${pathOf(19)}\t${labelsOf(19).replace(/^0,/, "2,")}`; // a 2
defects[24] = `${pathOf(24)}\t${labelsOf(24).split(",").slice(0, 32).join(",")}`; // short row
defects[29] = `${pathOf(29)}\t3,17`;                               // class indices
defects[34] = `${pathOf(34)}\t${labelsOf(34).replace(/,/g, ", ")}`; // '0, 1'
defects[39] = `${pathOf(39)}\t[${labelsOf(39)}]`;                  // nested list
defects[44] = `${pathOf(44)}\t${labelsOf(44).replace(/1/, "1.0")}`; // 1.0
defects[49] = `${pathOf(49).replace("/", "\\")}\t${labelsOf(49)}`;  // Windows path
defects.push(defects[60]);                                          // exact duplicate
defects.push(`${pathOf(61)}\t${labelsOf(61).replace(/^./, (c) => (c === "0" ? "1" : "0"))}`); // conflicting duplicate
write(join(root, "defects", "label_list.txt"), labelList);
write(join(root, "defects", "train_list.txt"), defects);
