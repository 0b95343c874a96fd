import { readFileSync } from "node:fs";

/**
 * The package's root directory (where its package.json, `schemas/` and `docs/`
 * are), found by walking up from this module: the library's modules sit two
 * levels below it and the command line's bundled chunks three.
 */
export const packageRoot: URL = findRoot();

/** The package's version, from its package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8")) as { version: string }).version;

function findRoot(): URL {
  let dir = new URL(".", import.meta.url);
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: unknown };
      if (pkg.name === "labellint") return dir;
    } catch {
      // not here: one level up
    }
    dir = new URL("..", dir);
  }
  return new URL("../", import.meta.url);
}
