package dev.floe.arrow.flink;

import dev.floe.arrow.EncodedBatch;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a batch as {@code numRows, partition, length, bytes}: one block copy, no per-value work. Batches
 * are immutable, so {@link #copy} returns the same instance.
 */
public final class EncodedBatchSerializer extends TypeSerializerSingleton<EncodedBatch> {
    private static final long serialVersionUID = 1L;

    public static final EncodedBatchSerializer INSTANCE = new EncodedBatchSerializer();

    private static final EncodedBatch EMPTY = new EncodedBatch(new byte[0], 0);

    @Override public boolean isImmutableType() { return true; }

    @Override public EncodedBatch createInstance() { return EMPTY; }

    @Override public EncodedBatch copy(EncodedBatch from) { return from; }

    @Override public EncodedBatch copy(EncodedBatch from, EncodedBatch reuse) { return from; }

    @Override public int getLength() { return -1; }

    @Override
    public void serialize(EncodedBatch record, DataOutputView target) throws IOException {
        target.writeInt(record.numRows());
        target.writeInt(record.partition());
        target.writeInt(record.bytes().length);
        target.write(record.bytes());
    }

    @Override
    public EncodedBatch deserialize(DataInputView source) throws IOException {
        int rows = source.readInt();
        int partition = source.readInt();
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return new EncodedBatch(bytes, rows, partition);
    }

    @Override
    public EncodedBatch deserialize(EncodedBatch reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeInt(source.readInt());
        target.writeInt(source.readInt());
        int length = source.readInt();
        target.writeInt(length);
        // DataOutputView.write(DataInputView, n) does not grow every target; copy through the heap
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        target.write(bytes);
    }

    @Override
    public TypeSerializerSnapshot<EncodedBatch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has one version and no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EncodedBatch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
