/** Test images whose layout matters to the decoders, built byte by byte. */

/** An uncompressed one-strip TIFF of 8×8 pixels with the given sample layout. */
export function tiffOf(bits: number, samples: number, sampleFormat: number, options: { bigEndian?: boolean; photometric?: number } = {}): Buffer {
  const be = options.bigEndian === true;
  const photometric = options.photometric ?? (samples < 3 ? 1 : 2);
  const rowBytes = Math.ceil((8 * samples * bits) / 8);
  const data = Buffer.alloc(rowBytes * 8, 0x5a);
  const entries: [number, number, number[]][] = [
    [256, 3, [8]], [257, 3, [8]], [258, 3, Array(samples).fill(bits)], [259, 3, [1]], [262, 3, [photometric]],
    [273, 4, [0]], [277, 3, [samples]], [278, 3, [8]], [279, 4, [data.length]], [284, 3, [1]],
    ...(samples === 2 || samples === 4 ? [[338, 3, [2]] as [number, number, number[]]] : []),
    [339, 3, Array(samples).fill(sampleFormat)],
  ];
  const ifdSize = 2 + 12 * entries.length + 4;
  const extraStart = 8 + ifdSize;
  const extra: Buffer[] = [];
  let extraLength = 0;
  const packed = entries.map(([tag, type, values]) => {
    const width = type === 3 ? 2 : 4;
    const b = Buffer.alloc(width * values.length);
    values.forEach((v, i) => (width === 2 ? (be ? b.writeUInt16BE(v, i * 2) : b.writeUInt16LE(v, i * 2)) : be ? b.writeUInt32BE(v, i * 4) : b.writeUInt32LE(v, i * 4)));
    if (b.length <= 4) return { tag, type, n: values.length, field: Buffer.concat([b, Buffer.alloc(4 - b.length)]) };
    const field = Buffer.alloc(4);
    be ? field.writeUInt32BE(extraStart + extraLength) : field.writeUInt32LE(extraStart + extraLength);
    extra.push(b);
    extraLength += b.length;
    return { tag, type, n: values.length, field };
  });
  const dataStart = extraStart + extraLength;
  const strip = packed.find((e) => e.tag === 273)!;
  be ? strip.field.writeUInt32BE(dataStart) : strip.field.writeUInt32LE(dataStart);
  const head = Buffer.alloc(8 + ifdSize);
  head.write(be ? "MM" : "II", 0, "latin1");
  be ? head.writeUInt16BE(42, 2) : head.writeUInt16LE(42, 2);
  be ? head.writeUInt32BE(8, 4) : head.writeUInt32LE(8, 4);
  be ? head.writeUInt16BE(entries.length, 8) : head.writeUInt16LE(entries.length, 8);
  packed.forEach((e, i) => {
    const at = 10 + i * 12;
    be ? head.writeUInt16BE(e.tag, at) : head.writeUInt16LE(e.tag, at);
    be ? head.writeUInt16BE(e.type, at + 2) : head.writeUInt16LE(e.type, at + 2);
    be ? head.writeUInt32BE(e.n, at + 4) : head.writeUInt32LE(e.n, at + 4);
    e.field.copy(head, at + 8);
  });
  return Buffer.concat([head, ...extra, data]);
}
