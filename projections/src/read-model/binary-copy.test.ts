import { binaryCopyRows } from './binary-copy';
import { sampleColumns as columns, type SampleRow as Row } from './testing/sample-columns';

/** rows of uneven lengths, fixed-size fields among them, some text of several bytes a character */
const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  note: i % 5 === 0 ? null : 'é€'.repeat(i % 9),
  doc: { i, list: Array.from({ length: i % 4 }, (_, j) => j) },
  n: BigInt(i) * 2n ** 40n - 7n,
  at: `2024-0${(i % 9) + 1}-1${i % 10}T12:00:0${i % 10}.${i}Z`,
  flag: i % 3 === 0 ? null : i % 3 === 1,
}));

const copied = (pieceSize: number, estimatedRows = 1): ReadonlyArray<Uint8Array> => {
  const copy = binaryCopyRows(columns, { estimatedRows, pieceSize });
  for (const row of rows) copy.add(row);
  return copy.done();
};

describe('binary COPY data written in pieces', () => {
  it('is the same data however small the pieces, each piece at most its size or one value long', () => {
    const whole = copied(1 << 20, 1000);
    expect(whole).toHaveLength(1);
    for (let pieceSize = 1; pieceSize <= 96; pieceSize += 1) {
      const pieces = copied(pieceSize);
      expect(Buffer.concat(pieces)).toEqual(Buffer.from(whole[0]!));
      // a piece grows past its size only to hold one value whole (room for 3 bytes a character)
      for (const piece of pieces)
        expect(piece.length).toBeLessThanOrEqual(Math.max(pieceSize, 200));
    }
  });
});
