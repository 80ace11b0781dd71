package dev.floe.arrow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Batches cross Flink's network through Floe's serializer: bytes copied as a block, never Kryo. */
class EncodedBatchSerializerTest {

    @Test
    void roundTripsThroughFlinkViewsAndCopiesWithoutDecoding() throws Exception {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("serializer");
                RecordBatch batch = Batches.with(a.get())
                        .col("k", DataType.int64(), 1L, null, 3L)
                        .col("s", DataType.string(), "x", "y", null).build()) {
            EncodedBatch encoded = BatchCodec.encode(batch);
            TypeSerializer<EncodedBatch> serializer = EncodedBatchTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(encoded, out);
            EncodedBatch back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back.numRows()).isEqualTo(3);
            assertThat(back.bytes()).containsExactly(encoded.bytes());

            DataOutputSerializer copied = new DataOutputSerializer(64);
            serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
            assertThat(copied.getCopyOfBuffer()).containsExactly(out.getCopyOfBuffer());
            try (RecordBatch decoded = BatchCodec.decode(back, batch.schema(), a.get())) {
                assertThat(Batches.values(decoded, 1)).containsExactly("x", "y", null);
            }
            assertThat(serializer.copy(encoded)).isSameAs(encoded);
        }
    }

    @Test
    void flinkUsesFloesSerializerNotKryoEvenWithGenericTypesDisabled() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<EncodedBatch> serializer = EncodedBatchTypeInfo.INSTANCE.createSerializer(config);
        assertThat(serializer).isInstanceOf(EncodedBatchSerializer.class).isNotInstanceOf(KryoSerializer.class);
        // without Floe's type information Flink would fall back to Kryo, which generic-types=false forbids
        TypeInformation<EncodedBatch> extracted = TypeExtractor.createTypeInfo(EncodedBatch.class);
        assertThat(extracted).isInstanceOf(GenericTypeInfo.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> extracted.createSerializer(config))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Generic types have been disabled");
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isSameAs(serializer);
    }
}
