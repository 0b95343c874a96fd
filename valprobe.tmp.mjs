import { readFileSync, mkdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { parse, stringify } from "yaml";
const { lintPpclsConfig } = await import(process.env.LL_DIST + "/ppcls/lint.js");
const f = process.argv[2];
const kinds = (process.argv[3] ?? "neg,str,list,bool,big").split(",");
const base = parse(readFileSync(f, "utf8"), { version: "1.1", merge: true });
const paths = [];
(function walk(v, p) { if (v && typeof v === "object") { for (const k of Object.keys(v)) walk(v[k], [...p, Array.isArray(v) ? Number(k) : k]); } else paths.push([p, v]); })(base, []);
function lay(cfg) {
  const dir = mkdtempSync("/tmp/vp-");
  writeFileSync(join(dir, "config.yaml"), stringify(cfg));
  const C = 10;
  for (const split of ["Train", "Eval"]) {
    const ds = base?.DataLoader?.[split]?.dataset; if (!ds) continue;
    const p = join(dir, ds.cls_label_path); mkdirSync(dirname(p), { recursive: true });
    let out = ""; for (let i = 0; i < 200; i++) out += `img/${split}${i}.jpg\t${Array.from({ length: C }, (_, j) => ((i + j) % 3 === 0 ? "1" : "0")).join(",")}\n`;
    writeFileSync(p, out); mkdirSync(join(dir, ds.image_root), { recursive: true });
  }
  return dir;
}
const clone = (x) => JSON.parse(JSON.stringify(x));
base.Arch.class_num = 10; if (base.Global) delete base.Global.class_num;
const repl = { neg: (v) => typeof v === "number" ? -v - 1 : undefined, zero: (v) => typeof v === "number" && v !== 0 ? 0 : undefined, str: (v) => typeof v === "number" || typeof v === "boolean" ? "abc" : undefined, list: (v) => v === null || typeof v !== "object" ? [v] : undefined, bool: (v) => typeof v !== "boolean" ? true : undefined, big: (v) => typeof v === "number" ? 1e9 : undefined, null: (v) => v !== null ? null : undefined };
for (const [p, v] of paths) {
  if (p[0] === "Arch" && p[1] === "class_num") continue;
  for (const kind of kinds) {
    const nv = repl[kind](v); if (nv === undefined) continue;
    const cfg = clone(base); let o = cfg; for (const k of p.slice(0, -1)) o = o[k];
    o[p.at(-1)] = nv;
    const dir = lay(cfg);
    try {
      const r = await lintPpclsConfig("config.yaml", { cwd: dir, root: dir });
      const all = [...(r.configs?.[0]?.problems ?? []), ...r.files.flatMap((x) => x.problems)];
      const errs = all.filter((q) => q.severity === "error");
      const warns = all.filter((q) => q.severity === "warning" && !/class-imbalance|no-positives|rare|low-support/.test(q.rule));
      console.log(kind.padEnd(5), p.join("."), JSON.stringify(v), "->", JSON.stringify(nv), errs.length ? "ERR " + [...new Set(errs.map((q) => q.rule))].join(",") : warns.length ? "warn " + [...new Set(warns.map((q) => q.rule))].join(",") : "clean");
    } catch (e) { console.log(kind.padEnd(5), p.join("."), "FATAL", e.message.slice(0, 100)); }
    rmSync(dir, { recursive: true, force: true });
  }
}
