#!/usr/bin/env node
// `node dist/cli/bin.js …` runs the same launcher the `labellint` command runs (dist/cli/labellint.cjs).
import { createRequire } from "node:module";

createRequire(import.meta.url)("./labellint.cjs");
