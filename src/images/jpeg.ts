/**
 * A JPEG's markers as libjpeg reads them, for what the consumers' two
 * decoders (cv2.imdecode, PIL; both on libjpeg-turbo) do with a damaged one:
 * a header every decoder gives up on, a file cut inside its compressed data
 * (cv2 returns the part that is there), a marker in the data that Pillow
 * meets when it finishes the decode. Measured with OpenCV 4.6.0 and Pillow
 * 9.4.0. The header checks are libjpeg-turbo's own (jdmarker.c get_sof,
 * get_dht, get_dqt, get_sos, read_markers; jdinput.c initial_setup,
 * latch_quant_tables; jdhuff.c jpeg_make_d_derived_tbl; jdphuff.c
 * start_pass_phuff_decoder); anything they do not reject for certain
 * (arithmetic coding, a table they default) ends the walk with no claim.
 * Only the header is read: a few kilobytes, more only past an APPn segment
 * (EXIF) that is longer.
 */
import { FileBytes, type ReadAt } from "./read-at.js";

/** Markers walked at most: real headers have a few dozen. */
const MAX_MARKERS = 1024;
const JPEG_MAX_DIMENSION = 65500;

interface Component {
  id: number;
  quantTable: number;
  used: boolean;
}

interface HuffmanTable {
  /** Codes of each length 1–16. */
  bits: number[];
  values: Buffer;
}

/** The first scan, reached with its header whole. */
interface FirstScan {
  /** Where its compressed data starts. */
  dataStart: number;
  /** The frame is sequential (SOF0, SOF1): cut inside the data, cv2 returns the part that is there. */
  sequential: boolean;
  /** The scan holds every component of the frame: the image has no other scan. */
  whole: boolean;
}

/** Why libjpeg stops (the damage, in words), or the first scan it reaches; "unknown" when the walk cannot tell. */
type Verdict = { damage: string } | FirstScan | "unknown";

const hex = (b: number): string => b.toString(16).toUpperCase().padStart(2, "0");

/** jpeg_make_d_derived_tbl's checks of a table a scan uses. */
function badTable(table: HuffmanTable, dc: boolean): string | undefined {
  let symbols = 0;
  for (let l = 1; l <= 16; l++) {
    symbols += table.bits[l]!;
    if (symbols > 256) return "a Huffman table with more than 256 codes";
  }
  // Figure C.2: each length's codes must still fit in that many bits, with no code all ones.
  let code = 0;
  for (let l = 1; l <= 16; l++) {
    code += table.bits[l]!;
    if (table.bits[l]! > 0 && code >= 1 << l) return "a Huffman table whose code lengths do not make a code";
    code <<= 1;
  }
  if (dc) for (let i = 0; i < symbols; i++) if (table.values[i]! > 15) return "a DC Huffman table with a symbol over 15";
  return undefined;
}

/** What the header walk found: the damage libjpeg gives up on, or, for a file without its end at its end, where the image ends. */
export interface JpegHeader {
  damage?: string;
  /**
   * The file is cut off (`cut`) inside its compressed data: the frame is
   * sequential and its first scan header whole. cv2.imdecode then returns the
   * picture, the part that is missing grey (libjpeg warns "Premature end of
   * JPEG file"); cut before, or in a progressive JPEG however far along, it
   * returns None; PIL raises OSError ("image file is truncated") for all
   * (OpenCV 4.6.0, Pillow 9.4.0).
   */
  cutInScan?: true;
  /**
   * The end-of-image marker's offset, found after the compressed data of a
   * file whose last bytes are not its end: other bytes follow the image (a
   * phone's video or trailer, padding), which cv2.imdecode and PIL never read.
   */
  end?: number;
  /** The marker after the compressed data that PIL's decoder fails on (see {@link pilJpegFinishError}): the scan ends there, cv2 reads the picture. */
  marker?: { offset: number; marker: number };
}

/**
 * This JPEG's header as libjpeg reads it. `head` is the file's first bytes;
 * `cut`: the file does not end with its end-of-image marker, so a segment
 * running past its end is the cut (reported as truncated), not damage, and
 * the compressed data is searched for the marker: bytes after the image's
 * end, or a cut.
 */
export async function jpegHeader(readAt: ReadAt, head: Buffer, size: number, cut: boolean): Promise<JpegHeader> {
  const bytes = new FileBytes(readAt, size, head);
  const verdict = await walk(bytes, size, cut);
  if (verdict === "unknown") return {};
  if ("damage" in verdict) return { damage: verdict.damage };
  if (!cut) return {};
  const after = await afterData(bytes, verdict.dataStart, verdict.sequential && verdict.whole);
  if (after !== undefined && "end" in after) return { end: after.end };
  if (after !== undefined) return { marker: after };
  return verdict.sequential ? { cutInScan: true } : {};
}

async function walk(bytes: FileBytes, size: number, cut: boolean): Promise<Verdict> {
  const quant = new Set<number>();
  const dcTables = new Map<number, HuffmanTable>();
  const acTables = new Map<number, HuffmanTable>();
  let frame: { progressive: boolean; components: Component[] } | undefined;
  let p = 2;
  for (let steps = 0; steps < MAX_MARKERS; steps++) {
    // next_marker: bytes before an FF are skipped (a warning), then FF fill bytes; FF 00 is no marker.
    let marker = -1;
    for (;;) {
      let c = bytes.now(p) ?? (await bytes.at(p));
      while (c !== 0xff) {
        if (c < 0) return "unknown";
        ++p;
        c = bytes.now(p) ?? (await bytes.at(p));
      }
      do {
        ++p;
        c = bytes.now(p) ?? (await bytes.at(p));
      } while (c === 0xff);
      if (c < 0) return "unknown";
      p++;
      if (c !== 0) {
        marker = c;
        break;
      }
    }
    const at = `marker FF ${hex(marker)} at byte ${(p - 2).toLocaleString("en-US")}`;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8) return { damage: `a second start-of-image ${at}` };
    if (marker === 0xd9) return { damage: `the end-of-image ${at} before any image data` };
    // Arithmetic coding (SOF9, SOF10, DAC): libjpeg-turbo may be built with or without it.
    if (marker === 0xc9 || marker === 0xca || marker === 0xcc) return "unknown";
    if (marker === 0xc3 || (marker >= 0xc5 && marker <= 0xc7) || marker === 0xcb || (marker >= 0xcd && marker <= 0xcf)) return { damage: `a lossless or hierarchical frame (${at}), which libjpeg does not decode` };
    const known = marker === 0xc0 || marker === 0xc1 || marker === 0xc2 || marker === 0xc4 || marker === 0xda || marker === 0xdb || marker === 0xdc || marker === 0xdd || marker === 0xfe || (marker >= 0xe0 && marker <= 0xef);
    if (!known) return { damage: `an unknown ${at}` };
    const lengthBytes = await bytes.slice(p, 2);
    if (lengthBytes.length < 2) return "unknown";
    const length = lengthBytes.readUInt16BE(0);
    // A segment that runs past the end of the file: the header never reaches a scan (libjpeg meets the
    // end of its data, PIL's _safe_read raises "Truncated File Read").
    // In a file cut off (no end-of-image marker) that is the cut, reported as such.
    if (p + length > size) return cut ? "unknown" : { damage: `a segment of ${length.toLocaleString("en-US")} bytes (${at}) that runs past the end of the file` };
    // APPn, COM, DNL: skipped by their length (one under 2 skips nothing but the length itself).
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe || marker === 0xdc) {
      p += Math.max(2, length);
      continue;
    }
    if (length < 2) return "unknown";
    const body = await bytes.slice(p + 2, length - 2);
    if (body.length < length - 2) return "unknown";
    p += length;
    if (marker === 0xdd) {
      if (length !== 4) return { damage: `a restart-interval segment of length ${length} (${at}), not 4` };
      continue;
    }
    if (marker === 0xdb) {
      // get_dqt: tables of 64 values (8- or 16-bit) until the length is used; a short last table is padded.
      let left = length - 2;
      let i = 0;
      while (left > 0) {
        left--;
        const n = body[i++]!;
        const index = n & 0x0f;
        if (index >= 4) return { damage: `a quantization table numbered ${index} of 4 (${at})` };
        const wide = n >> 4 !== 0;
        const count = Math.min(64, wide ? left >> 1 : left);
        i += wide ? count * 2 : count;
        left -= wide ? count * 2 : count;
        quant.add(index);
      }
      if (left !== 0) return { damage: `a quantization-table segment whose length does not fit its tables (${at})` };
      continue;
    }
    if (marker === 0xc4) {
      // get_dht: index, 16 counts, the values; repeated until the length is used.
      let left = length - 2;
      let i = 0;
      while (left > 16) {
        const index = body[i]!;
        const bits = [0];
        let count = 0;
        for (let l = 1; l <= 16; l++) {
          bits.push(body[i + l]!);
          count += body[i + l]!;
        }
        left -= 17;
        i += 17;
        if (count > 256 || count > left) return { damage: `a Huffman table of ${count} codes in ${left} bytes (${at})` };
        const values = body.subarray(i, i + count);
        i += count;
        left -= count;
        const ac = (index & 0x10) !== 0;
        const slot = ac ? index - 0x10 : index;
        if (slot < 0 || slot >= 4) return { damage: `a Huffman table numbered ${index} (${at})` };
        (ac ? acTables : dcTables).set(slot, { bits, values });
      }
      if (left !== 0) return { damage: `a Huffman-table segment whose length does not fit its tables (${at})` };
      continue;
    }
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (frame !== undefined) return { damage: `a second frame header (${at})` };
      if (body.length < 6) return { damage: `a frame header of length ${length} (${at})` };
      const precision = body[0]!;
      const height = body.readUInt16BE(1);
      const width = body.readUInt16BE(3);
      const count = body[5]!;
      if (height === 0 || width === 0 || count === 0) return { damage: `a frame of ${width}×${height} pixels and ${count} components (${at})` };
      if (length - 8 !== count * 3) return { damage: `a frame header of length ${length} for ${count} components (${at})` };
      if (precision !== 8) return { damage: `a precision of ${precision} bits where libjpeg decodes 8 (${at})` };
      if (height > JPEG_MAX_DIMENSION || width > JPEG_MAX_DIMENSION) return { damage: `a frame of ${width}×${height} pixels, past libjpeg's 65,500 (${at})` };
      if (count > 10) return { damage: `a frame of ${count} components, past libjpeg's 10 (${at})` };
      const components: Component[] = [];
      for (let c = 0; c < count; c++) {
        const sampling = body[7 + c * 3]!;
        const h = sampling >> 4;
        const v = sampling & 0x0f;
        if (h < 1 || h > 4 || v < 1 || v > 4) return { damage: `a component sampled ${h}×${v} where libjpeg takes 1 to 4 (${at})` };
        components.push({ id: body[6 + c * 3]!, quantTable: body[8 + c * 3]!, used: false });
      }
      // jinit_upsampler: each component's sampling must divide the largest (JERR_FRACT_SAMPLE_NOTIMPL).
      const samplings = [...body.subarray(6, 6 + count * 3)].filter((_, k) => k % 3 === 1);
      const maxH = Math.max(...samplings.map((x) => x >> 4));
      const maxV = Math.max(...samplings.map((x) => x & 0x0f));
      if (samplings.some((x) => maxH % (x >> 4) !== 0 || maxV % (x & 0x0f) !== 0)) return { damage: `sampling factors that do not divide the largest (${at}), which libjpeg does not upsample` };
      frame = { progressive: marker === 0xc2, components };
      continue;
    }
    // 0xda, the first scan: what it uses must be there.
    if (frame === undefined) return { damage: `a scan before any frame header (${at})` };
    const n = body[0] ?? 0;
    if (length !== n * 2 + 6 || n < 1 || n > 4) return { damage: `a scan header of length ${length} for ${n} components (${at})` };
    const scan: { component: Component; dc: number; ac: number }[] = [];
    for (let c = 0; c < n; c++) {
      const id = body[1 + c * 2]!;
      const tables = body[2 + c * 2]!;
      const component = frame.components.slice(0, 4).find((k) => k.id === id && !k.used);
      if (component === undefined) return { damage: `a scan of component ${id}, which the frame does not have (${at})` };
      component.used = true;
      scan.push({ component, dc: tables >> 4, ac: tables & 0x0f });
    }
    const ss = body[1 + n * 2]!;
    const se = body[2 + n * 2]!;
    const ah = body[3 + n * 2]! >> 4;
    const al = body[3 + n * 2]! & 0x0f;
    for (const { component } of scan) {
      if (component.quantTable >= 4 || !quant.has(component.quantTable)) return { damage: `component ${component.id}'s quantization table ${component.quantTable}, which the header does not define` };
    }
    const dcBand = ss === 0;
    if (frame.progressive) {
      let bad = dcBand ? se !== 0 : ss > se || se >= 64 || n !== 1;
      if (ah !== 0 && al !== ah - 1) bad = true;
      if (al > 13) bad = true;
      if (bad) return { damage: `progressive scan parameters libjpeg rejects (Ss ${ss}, Se ${se}, Ah ${ah}, Al ${al}, ${at})` };
    }
    // The tables this scan decodes with: both for a sequential scan, a progressive band's own.
    const uses: [Map<number, HuffmanTable>, number, boolean][] = [];
    for (const { dc, ac } of scan) {
      if (!frame.progressive || (dcBand && ah === 0)) uses.push([dcTables, dc, true]);
      if (!frame.progressive || !dcBand) uses.push([acTables, ac, false]);
    }
    for (const [tables, index, dc] of uses) {
      if (index >= 4) return { damage: `a Huffman table numbered ${index} of 4 (${at})` };
      const table = tables.get(index);
      // Tables 0 and 1 default to the standard ones (Motion JPEG); 2 and 3 do not.
      if (table === undefined) {
        if (index >= 2) return { damage: `${dc ? "DC" : "AC"} Huffman table ${index}, which the header does not define` };
        continue;
      }
      const why = badTable(table, dc);
      if (why !== undefined) return { damage: why };
    }
    return { dataStart: p, sequential: !frame.progressive, whole: n === frame.components.length };
  }
  return "unknown";
}

/** Markers libjpeg's read_markers skips by their length (APPn, COM, DNL): after them it looks for the next marker. */
const isSkippedSegment = (m: number): boolean => (m >= 0xe0 && m <= 0xef) || m === 0xfe || m === 0xdc;
/** Markers whose segment libjpeg parses (DHT, DAC, DQT, DRI): with garbage in them the outcome is not claimed. */
const isParsedTable = (m: number): boolean => m === 0xc4 || m === 0xcc || m === 0xdb || m === 0xdd;

/**
 * Where PIL's JPEG decoder fails after the image data of a complete-looking
 * sequential JPEG, or undefined. A byte pair FF xx inside the compressed data
 * (a flipped bit makes one) ends the scan there: libjpeg warns ("premature
 * end of data segment") and fills the rest with grey, and cv2.imdecode
 * returns that picture. Pillow then calls jpeg_finish_decompress, which reads
 * the markers that follow up to the end-of-image marker; a marker it does not
 * know (FF 02–BF, C8, DE, DF, F0–FD), a second start of image or frame, or
 * another scan in a single-scan image is an error (Pillow's JpegDecode.c
 * error handler: OSError "broken data stream when reading image file"), while
 * libvips and cv2 never get there. Measured with Pillow 9.4.0 over 540
 * damaged JPEGs: this is every one PIL failed on that libvips decoded.
 */
export async function pilJpegFinishError(jpeg: Buffer): Promise<{ offset: number; marker: number } | undefined> {
  const bytes = new FileBytes(async (at, n) => jpeg.subarray(at, at + n), jpeg.length, jpeg);
  // The header, walked as for the header check, up to the first scan: a sequential one holding every component.
  const scan = await walk(bytes, jpeg.length, false);
  if (scan === "unknown" || "damage" in scan || !scan.sequential || !scan.whole) return undefined;
  const after = await afterData(bytes, scan.dataStart, true);
  return after !== undefined && !("end" in after) ? after : undefined;
}

/**
 * What ends a JPEG's compressed data from `p` on: the end-of-image marker
 * (its offset), or — `oneScan`, a sequential image of one scan — a marker
 * that jpeg_finish_decompress fails on (see {@link pilJpegFinishError}); or
 * undefined: no end-of-image marker before the file ends, or a table segment
 * after the data, of which nothing is claimed. Without `oneScan` (progressive
 * or several scans) the segments between scans (tables, scan headers) are
 * passed over to the end, and any other marker is undefined.
 * Markers are read as libjpeg's next_marker reads them: other bytes, FF fill
 * bytes, FF 00 and restart markers skipped.
 */
async function afterData(bytes: FileBytes, p: number, oneScan: boolean): Promise<{ end: number } | { offset: number; marker: number } | undefined> {
  for (;;) {
    // The compressed data is most of the file: the next FF is searched natively.
    p = await bytes.indexOf(0xff, p);
    if (p < 0) return undefined;
    let q = p + 1;
    let marker = bytes.now(q) ?? (await bytes.at(q));
    while (marker === 0xff) marker = bytes.now(++q) ?? (await bytes.at(q));
    // No end-of-image marker: Pillow's source suspends, and with every line read it ends without an error.
    if (marker < 0) return undefined;
    const at = q - 1;
    p = q + 1;
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9) return { end: at };
    // Between the scans of a progressive image: tables and the next scan header, each passed over by its length; any
    // other marker is no image's (bytes after a cut), and nothing is claimed.
    if (!oneScan && !isSkippedSegment(marker) && !isParsedTable(marker) && marker !== 0xda) return undefined;
    if (oneScan && isParsedTable(marker)) return undefined;
    if (!oneScan || isSkippedSegment(marker)) {
      const length = await bytes.slice(p, 2);
      if (length.length < 2) return undefined;
      p += Math.max(2, length.readUInt16BE(0));
      continue;
    }
    // SOI, SOF, a second SOS in a single-scan image, or a marker libjpeg does not know: error_exit.
    return { offset: at, marker };
  }
}
