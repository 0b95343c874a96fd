// One csv-parse peer measurement in a fresh process (the bench times the whole process from outside).
// Usage: node bench/run-one.mjs csv-parse|csv-parse-all FILE FORMAT NUM_CLASSES
// Prints one JSON line: the peer's tallies.
import { checkWithCsvParse } from "./csv-parse-peer.mjs";

const [tool, file, format, numClasses] = process.argv.slice(2);
if (tool !== "csv-parse" && tool !== "csv-parse-all") throw new Error(`unknown tool '${tool}'`);
const result = await checkWithCsvParse(file, { format, numClasses: Number(numClasses), splitAll: tool === "csv-parse-all" });
process.stdout.write(`${JSON.stringify({ tool, ...result })}\n`);
