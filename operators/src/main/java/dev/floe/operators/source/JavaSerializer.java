package dev.floe.operators.source;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;

/**
 * Java serialization for splits and enumerator state: they are small descriptions (paths,
 * ranges) or heap byte arrays, sent once per split, never per row.
 */
final class JavaSerializer<T> implements SimpleVersionedSerializer<T> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(T obj) throws IOException {
        return InstantiationUtil.serializeObject(obj);
    }

    @Override
    public T deserialize(int version, byte[] serialized) throws IOException {
        try {
            return InstantiationUtil.deserializeObject(serialized, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("Cannot deserialize a Floe split: " + e.getMessage(), e);
        }
    }
}
