package dev.floe.arrow;

import dev.floe.api.types.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Encodes batches as Arrow IPC record-batch messages (metadata + body, no schema) and decodes
 * them into an allocator. Buffers are copied as whole blocks; no per-value work.
 */
public final class BatchCodec {
    private BatchCodec() {
    }

    public static EncodedBatch encode(RecordBatch batch) {
        VectorSchemaRoot view = batch.asRoot();
        try (ArrowRecordBatch arb = new VectorUnloader(view).getRecordBatch()) {
            // body plus generous room for the flatbuffer metadata and padding
            Bytes out = new Bytes((int) Math.min(Integer.MAX_VALUE - 16, arb.computeBodyLength() + 512L
                    + 64L * batch.numColumns()));
            MessageSerializer.serialize(new WriteChannel(out), arb);
            return new EncodedBatch(out.toArray(), batch.numRows());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode " + batch, e);
        }
    }

    /** Decodes into vectors owned by the returned batch, allocated from {@code allocator}. */
    public static RecordBatch decode(EncodedBatch encoded, Schema schema, BufferAllocator allocator) {
        ReadChannel in = new ReadChannel(new BytesIn(encoded.bytes()));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrow(), allocator);
        try (ArrowRecordBatch arb = MessageSerializer.deserializeRecordBatch(in, allocator)) {
            if (arb == null) {
                throw new IllegalArgumentException("Not an Arrow record batch message: " + encoded);
            }
            new VectorLoader(root).load(arb);
        } catch (IOException | RuntimeException e) {
            root.close();
            throw new IllegalStateException("Failed to decode " + encoded + " as " + schema.names() + ": "
                    + e.getMessage(), e);
        }
        return RecordBatch.of(schema, new ArrayList<FieldVector>(root.getFieldVectors()), encoded.numRows());
    }

    /*
     * Heap copies, not I/O: the channels that Channels.newChannel makes are interruptible, so an
     * interrupt of the encoding or decoding thread (a cancelled task, a collect() whose caller is
     * interrupted) closed them and failed the batch with a ClosedByInterruptException. These leave
     * the interrupt to whoever waits next.
     */

    /** A growable byte sink that hands out its array without a copy when it is exactly full. */
    private static final class Bytes implements WritableByteChannel {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
            src.get(buf, size, n);
            size += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        byte[] toArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }

    /** The bytes of an encoded batch as a channel. */
    private static final class BytesIn implements ReadableByteChannel {
        private final ByteBuffer src;

        BytesIn(byte[] bytes) {
            src = ByteBuffer.wrap(bytes);
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!src.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), src.remaining());
            dst.put(src.slice(src.position(), n));
            src.position(src.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
