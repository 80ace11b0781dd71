package dev.floe.formats;

import java.util.Arrays;

/**
 * Decodes Parquet's RLE / bit-packed hybrid encoding (definition and repetition levels,
 * dictionary indices, RLE booleans) from a byte array into primitive arrays. A stream is a
 * sequence of runs, each starting with a ULEB128 header: an even header {@code h} is a run of
 * {@code h >>> 1} copies of one value stored in {@code ceil(width / 8)} little-endian bytes; an
 * odd header is {@code h >>> 1} groups of eight values packed LSB first, {@code width} bytes per
 * group. One instance is reused page after page; it holds no per-value objects.
 *
 * <pre>{@code RleHybridDecoder d = new RleHybridDecoder(); d.reset(page, start, end, 1); d.readInts(levels, 0, n);}</pre>
 */
final class RleHybridDecoder {
    private byte[] buf;
    private int pos;
    private int end;
    private int width;
    private int mask;
    /** Values left in the current RLE run. */
    private int repeatLeft;
    private int repeatValue;
    /** Values left in the current bit-packed run, counting those already unpacked into {@link #group}. */
    private int packedLeft;
    private final int[] group = new int[8];
    private int groupPos = 8;
    private int[] narrow = new int[0];

    /** Starts decoding {@code buf[start, end)} as values of {@code bitWidth} bits (0..32). */
    void reset(byte[] buf, int start, int end, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalArgumentException("RLE/bit-packed bit width must be 0..32, got " + bitWidth);
        }
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.width = bitWidth;
        this.mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        this.repeatLeft = 0;
        this.packedLeft = 0;
        this.groupPos = 8;
    }

    /** Decodes the next {@code n} values into {@code out[off, off + n)}. */
    void readInts(int[] out, int off, int n) {
        int done = 0;
        while (done < n) {
            if (repeatLeft > 0) {
                int k = Math.min(repeatLeft, n - done);
                Arrays.fill(out, off + done, off + done + k, repeatValue);
                repeatLeft -= k;
                done += k;
            } else if (packedLeft > 0) {
                if (groupPos == 8) {
                    unpackGroup();
                }
                int k = Math.min(Math.min(8 - groupPos, packedLeft), n - done);
                System.arraycopy(group, groupPos, out, off + done, k);
                groupPos += k;
                packedLeft -= k;
                done += k;
            } else {
                nextRun();
            }
        }
    }

    /** Decodes the next {@code n} values, each below 128 (levels), into {@code out[off, off + n)}. */
    void readBytes(byte[] out, int off, int n) {
        if (narrow.length < n) {
            narrow = new int[Math.max(n, 1024)];
        }
        readInts(narrow, 0, n);
        for (int i = 0; i < n; i++) {
            out[off + i] = (byte) narrow[i];
        }
    }

    private void nextRun() {
        if (pos >= end) {
            throw new IllegalStateException("RLE/bit-packed data ends before all values were read (corrupt page?)");
        }
        int header = readUleb();
        if ((header & 1) == 0) {
            repeatLeft = header >>> 1;
            int v = 0;
            int bytes = (width + 7) >>> 3;
            for (int i = 0; i < bytes; i++) {
                v |= (byteAt(pos++) & 0xFF) << (8 * i);
            }
            repeatValue = v & mask;
        } else {
            packedLeft = (header >>> 1) * 8;
            groupPos = 8;
        }
    }

    private void unpackGroup() {
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < 8; i++) {
            while (bits < width) {
                acc |= (byteAt(pos++) & 0xFFL) << bits;
                bits += 8;
            }
            group[i] = (int) acc & mask;
            acc >>>= width;
            bits -= width;
        }
        groupPos = 0;
    }

    /** Writers may leave the padding of a last bit-packed group out; missing bytes read as zero. */
    private byte byteAt(int p) {
        return p < end ? buf[p] : 0;
    }

    private int readUleb() {
        int v = 0;
        int shift = 0;
        while (true) {
            if (pos >= end) {
                throw new IllegalStateException("RLE/bit-packed run header is cut off (corrupt page?)");
            }
            int b = buf[pos++];
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalStateException("RLE/bit-packed run header is too long (corrupt page?)");
            }
        }
    }

    /** Bits needed for values up to {@code max}. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }
}
