package dev.floe.arrow;

import dev.floe.api.types.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
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
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), arb);
            return new EncodedBatch(out.toArray(), batch.numRows());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode " + batch, e);
        }
    }

    /** Decodes into vectors owned by the returned batch, allocated from {@code allocator}. */
    public static RecordBatch decode(EncodedBatch encoded, Schema schema, BufferAllocator allocator) {
        ReadChannel in = new ReadChannel(Channels.newChannel(new ByteArrayInputStream(encoded.bytes())));
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

    /** A growable byte sink that hands out its array without a copy when it is exactly full. */
    private static final class Bytes extends OutputStream {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int extra) {
            if (size + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
            }
        }

        byte[] toArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }
}
