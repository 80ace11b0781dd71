package dev.floe.operators.runtime;

import dev.floe.arrow.EncodedBatch;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/**
 * Creates an operator built from {@link StreamOperatorParameters} (Flink's multiple-input
 * operators) on the TaskManager; subclasses hold the serializable spec and call the constructor.
 */
public abstract class FloeOperatorFactory extends AbstractStreamOperatorFactory<EncodedBatch> {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("rawtypes")
    private final Class<? extends StreamOperator> type;

    @SuppressWarnings("rawtypes")
    protected FloeOperatorFactory(Class<? extends StreamOperator> type) {
        this.type = type;
    }

    protected abstract StreamOperator<EncodedBatch> create(StreamOperatorParameters<EncodedBatch> parameters);

    @Override
    @SuppressWarnings("unchecked")
    public final <T extends StreamOperator<EncodedBatch>> T createStreamOperator(
            StreamOperatorParameters<EncodedBatch> parameters) {
        return (T) create(parameters);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public final Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return type;
    }
}
