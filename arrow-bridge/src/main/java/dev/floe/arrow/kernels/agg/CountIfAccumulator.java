package dev.floe.arrow.kernels.agg;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * COUNT_IF: the number of true values of a boolean input per group (nulls and false not counted).
 * State, merge and result are COUNT's: [int64].
 */
final class CountIfAccumulator extends CountAccumulator {
    CountIfAccumulator() {
        super(false);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        long[] c = counts;
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i) && BitVectorHelper.get(data, i) != 0) {
                c[groupIds[i]]++;
            }
        }
    }
}
