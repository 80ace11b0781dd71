package dev.floe.api.eval;

import dev.floe.api.expr.Nondeterministic;
import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Operand;
import dev.floe.arrow.kernels.RandomKernels;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code rand}, {@code randn}, {@code monotonically_increasing_id} in one operator: the only
 * stateful node, it counts the rows it has evaluated in the current partition ({@link RowPlace})
 * so that each batch continues where the last ended (the compiled expression lives as long as its
 * step).
 */
final class PositionNode implements Node {
    private final Nondeterministic expr;
    private final RowPlace place;
    private int epoch = -1;
    private int partition;
    private long key;
    private long position;

    PositionNode(Nondeterministic expr, RowPlace place) {
        this.expr = expr;
        this.place = place;
    }

    @Override
    public DataType type() {
        return expr.type(null);
    }

    @Override
    public Operand eval(RecordBatch batch, BufferAllocator allocator) {
        if (epoch != place.epoch()) {
            epoch = place.epoch();
            partition = place.partition();
            key = RandomKernels.streamKey(expr.seed(), partition);
            position = 0;
        }
        int n = batch.numRows();
        long first = position;
        Operand out = Operand.of(switch (expr.op()) {
            case RAND -> RandomKernels.uniform(key, first, n, allocator);
            case RANDN -> RandomKernels.normal(key, first, n, allocator);
            case MONOTONICALLY_INCREASING_ID -> RandomKernels.monotonicIds(partition, first, n, allocator);
        }, type());
        position = first + n;
        return out;
    }
}
