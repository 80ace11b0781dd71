package dev.floe.formats;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page (de)compression for Parquet through snappy-java and zstd-jni directly: parquet-java's
 * default factory goes through Hadoop's codec classes and Configuration, which would pull Hadoop's
 * XML parser and shaded Guava onto every classpath.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();
    /** zstd's default level, as parquet-java uses. */
    private static final int ZSTD_LEVEL = 3;

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> compressor(codec, bytes -> bytes);
            case SNAPPY -> compressor(codec, bytes -> Snappy.compress(bytes));
            case ZSTD -> compressor(codec, bytes -> Zstd.compress(bytes, ZSTD_LEVEL));
            case GZIP -> compressor(codec, ParquetCodecs::gzip);
            default -> throw new IllegalArgumentException("Floe writes Parquet with SNAPPY, ZSTD, GZIP or UNCOMPRESSED,"
                    + " not " + codec);
        };
    }

    /** A gzip member, as Hadoop's GzipCodec writes it and every Parquet reader expects. */
    private static byte[] gzip(byte[] in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length / 2 + 32);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 64 << 10)) {
            z.write(in);
        }
        return out.toByteArray();
    }

    private interface ByteFunction {
        byte[] apply(byte[] in) throws IOException;
    }

    private static BytesInputCompressor compressor(CompressionCodecName codec, ByteFunction fn) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codec == CompressionCodecName.UNCOMPRESSED ? bytes : BytesInput.from(fn.apply(bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> decompressor((bytes, size) -> bytes);
            case SNAPPY -> decompressor((bytes, size) -> {
                byte[] out = new byte[size];
                Snappy.uncompress(bytes, 0, bytes.length, out, 0);
                return out;
            });
            case ZSTD -> decompressor((bytes, size) -> Zstd.decompress(bytes, size));
            case GZIP -> decompressor((bytes, size) -> {
                try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(bytes))) {
                    return in.readNBytes(size);
                }
            });
            default -> throw new IllegalArgumentException("Floe reads Parquet pages compressed with SNAPPY, ZSTD, GZIP"
                    + " or none, not " + codec);
        };
    }

    private interface Inflate {
        byte[] apply(byte[] in, int uncompressedSize) throws IOException;
    }

    private static BytesInputDecompressor decompressor(Inflate fn) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(fn.apply(bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(java.nio.ByteBuffer input, int compressedSize, java.nio.ByteBuffer output,
                    int uncompressedSize) throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(fn.apply(in, uncompressedSize));
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
