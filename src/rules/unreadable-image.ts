import { defineRule } from "./helpers.js";
import { formatCount } from "../text/numbers.js";
import { PIL_MAX_PIXELS } from "../images/decode.js";

const hex = (byte: number): string => byte.toString(16).toUpperCase().padStart(2, "0");

const FORMAT_NAMES: Record<string, string> = { jpeg: "JPEG", png: "PNG", gif: "GIF", bmp: "BMP", webp: "WebP", tiff: "TIFF" };

export default defineRule({
  meta: {
    code: "LL505",
    name: "unreadable-image",
    defaultSeverity: "error",
    scope: "line",
    description:
      "The image is empty, truncated (a JPEG or PNG without its end, a BMP or WebP shorter than its header says, a GIF cut inside its first picture, a TIFF whose first page runs past its end), not an image by its magic bytes, or cannot be read (only with --check-images), a format or TIFF sample layout OpenCV cannot decode (GIF, animated WebP, 32-bit or floating-point TIFF samples) for a consumer decoding with cv2, one PIL cannot open for a consumer decoding with PIL, or cannot be decoded (only with --decode-images); an extension that contradicts the content, or data the decoder reports damaged but still turns into a picture, is a warning.",
    messages: {
      empty: "image '{{path}}' is empty (0 bytes)",
      notImage: "image '{{path}}' is not an image: its first bytes match no JPEG, PNG, GIF, BMP, WebP or TIFF signature",
      truncated: "image '{{path}}' is truncated ({{detail}}): a cut-off download that decodes to garbage or fails",
      truncatedScan: "image '{{path}}' is cut off inside its compressed data ({{detail}})",
      notFile: "image '{{path}}' is not a regular file",
      unreadable: "image '{{path}}' cannot be read: {{reason}}",
      undecodable: "image '{{path}}' cannot be decoded: {{reason}}",
      corrupt: "image '{{path}}' decodes with damaged data ({{reason}}): part of the picture is garbage",
      mismatch: "image '{{path}}' is a {{format}} file named '{{extension}}': tools that trust the extension misread it",
      noCv2: "image '{{path}}' is {{what}}, which OpenCV's cv2.imdecode cannot decode (it returns None; PIL reads it)",
      noPil: "image '{{path}}' is {{what}}, which PIL cannot decode ({{how}}; OpenCV reads it)",
      pilBomb: "image '{{path}}' is {{width}}×{{height}} ({{pixels}} pixels), more than PIL opens ({{limit}}, its decompression-bomb limit; OpenCV reads it)",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      image(check) {
        const s = check.status;
        const at = { line: check.line, row: check.row, column: 1, length: Math.max(1, check.path.length), source: check.source };
        const path = check.path;
        // OpenCV has no reader for it (a GIF, an animated WebP): said besides what else is found, as a consumer decoding with cv2 fails on it.
        if ((s.kind === "ok" || s.kind === "mismatch" || s.kind === "corrupt") && s.noCv2 !== undefined) {
          const what = s.noCv2 === "gif" ? "a GIF" : s.noCv2 === "animated-webp" ? "an animated WebP" : s.noCv2 === "png-crc" ? "a PNG whose image data fails its checksum (CRC)" : s.noCv2 === "png-end-crc" ? "a PNG whose end chunk (IEND) fails its checksum (CRC)" : `a TIFF of ${s.samples ?? "samples it cannot read"}`;
          ctx.report({ messageId: "noCv2", data: { path, what }, ...at });
        }
        // PIL has no mode for its samples (a TIFF of several 32-bit or floating-point samples): a consumer decoding with PIL stops.
        if ((s.kind === "ok" || s.kind === "mismatch" || s.kind === "corrupt") && s.noPil !== undefined) {
          const data =
            s.noPil === "jpeg-marker" && s.marker !== undefined
              ? {
                  what: `a JPEG with marker FF ${hex(s.marker.marker)} after its image data (byte ${formatCount(s.marker.offset)})`,
                  how: "libjpeg stops on it when the decode finishes: OSError, broken data stream",
                }
              : s.noPil === "png-chunk-crc"
                ? { what: `a PNG whose ${s.chunk ?? "ancillary"} chunk fails its checksum (CRC)`, how: "Image.open raises: broken PNG file" }
                : s.noPil === "bmp-header"
                  ? { what: `a BMP whose info header is ${formatCount(s.infoSize ?? 0)} bytes`, how: "Image.open raises: Unsupported BMP header type" }
                  : { what: `a TIFF of ${s.samples ?? "samples it cannot read"}`, how: "Image.open raises" };
          ctx.report({ messageId: "noPil", data: { path, ...data }, ...at });
        }
        // More pixels than PIL opens (a decompression bomb to it): decoders with no such limit (cv2) read it.
        if ((s.kind === "ok" || s.kind === "mismatch") && s.image !== undefined && s.image.width * s.image.height > PIL_MAX_PIXELS) {
          const { width, height } = s.image;
          ctx.report({ messageId: "pilBomb", data: { path, width, height, pixels: formatCount(width * height), limit: formatCount(PIL_MAX_PIXELS) }, ...at });
        }
        switch (s.kind) {
          case "empty":
            return ctx.report({ messageId: "empty", data: { path }, ...at });
          case "not-image":
            return ctx.report({ messageId: "notImage", data: { path }, ...at });
          case "truncated":
            return ctx.report({ messageId: s.inScan === true ? "truncatedScan" : "truncated", data: { path, detail: s.detail }, ...at });
          case "not-file":
            return ctx.report({ messageId: "notFile", data: { path }, ...at });
          case "unreadable":
            return ctx.report({ messageId: "unreadable", data: { path, reason: s.reason }, ...at });
          case "undecodable":
            return ctx.report({ messageId: "undecodable", data: { path, reason: s.reason }, ...at });
          case "corrupt":
            // A picture comes out, damaged: softer than an image that cannot be read at all — unless the user chose the severity.
            return ctx.report({ messageId: "corrupt", data: { path, reason: s.reason }, ...(ctx.severityExplicit ? {} : { severity: "warn" as const }), ...at });
          case "mismatch":
            // Decodable, so softer than the rule's errors — unless the user chose the severity.
            return ctx.report({
              messageId: "mismatch",
              data: { path, format: FORMAT_NAMES[s.format] ?? s.format, extension: s.extension },
              ...(ctx.severityExplicit ? {} : { severity: "warn" as const }),
              ...at,
            });
          default:
            return;
        }
      },
    };
  },
});
