package dev.floe.arrow.flink;

import dev.floe.arrow.EncodedBatch;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for Floe batches: always {@link EncodedBatchSerializer}, never Kryo. */
public final class EncodedBatchTypeInfo extends TypeInformation<EncodedBatch> {
    private static final long serialVersionUID = 1L;

    public static final EncodedBatchTypeInfo INSTANCE = new EncodedBatchTypeInfo();

    private EncodedBatchTypeInfo() {
    }

    @Override public boolean isBasicType() { return false; }

    @Override public boolean isTupleType() { return false; }

    @Override public int getArity() { return 1; }

    @Override public int getTotalFields() { return 1; }

    @Override public Class<EncodedBatch> getTypeClass() { return EncodedBatch.class; }

    @Override public boolean isKeyType() { return false; }

    @Override
    public TypeSerializer<EncodedBatch> createSerializer(SerializerConfig config) {
        return EncodedBatchSerializer.INSTANCE;
    }

    @Override public String toString() { return "EncodedBatch"; }

    @Override public boolean equals(Object obj) { return obj instanceof EncodedBatchTypeInfo; }

    @Override public int hashCode() { return EncodedBatchTypeInfo.class.hashCode(); }

    @Override public boolean canEqual(Object obj) { return obj instanceof EncodedBatchTypeInfo; }
}
