package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IPC round trips: every type with nulls, empty, sliced and zero-column batches, nothing leaked. */
class BatchCodecTest {

    private static List<List<Object>> rows(RecordBatch b) {
        try (Table t = Table.of(b.schema(), List.of(b.slice(0, b.numRows(), Allocators.root())))) {
            return t.toRows();
        }
    }

    @Test
    void everyTypeRoundTripsWithNulls() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("codec");
                RecordBatch original = AllTypes.batch(a.get())) {
            EncodedBatch encoded = BatchCodec.encode(original);
            assertThat(encoded.numRows()).isEqualTo(3);
            try (RecordBatch decoded = BatchCodec.decode(encoded, original.schema(), a.get())) {
                assertThat(decoded.schema()).isEqualTo(original.schema());
                List<List<Object>> expected = rows(original);
                List<List<Object>> actual = rows(decoded);
                assertThat(actual).hasSize(3);
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < original.numColumns(); c++) {
                        Object e = expected.get(r).get(c);
                        Object v = actual.get(r).get(c);
                        if (e instanceof byte[] eb) {
                            assertThat((byte[]) v).containsExactly(eb);
                        } else {
                            assertThat(v).as("row %d column %s", r, original.schema().field(c).name()).isEqualTo(e);
                        }
                    }
                }
                assertThat(actual.get(1)).containsOnlyNulls();
            }
        }
    }

    /**
     * Before, an interrupted thread could neither encode nor decode (Channels.newChannel's adapters
     * are interruptible: "Failed to encode ...: ClosedByInterruptException"), so a collect() interrupted
     * while encoding failed as if its spill files could not be written instead of being cancelled.
     */
    @Test
    void anInterruptedThreadEncodesAndDecodesAndKeepsItsInterrupt() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("codec-interrupted");
                RecordBatch original = AllTypes.batch(a.get())) {
            EncodedBatch expected = BatchCodec.encode(original);
            Thread.currentThread().interrupt();
            try {
                EncodedBatch encoded = BatchCodec.encode(original);
                try (RecordBatch decoded = BatchCodec.decode(encoded, original.schema(), a.get())) {
                    assertThat(Thread.interrupted()).as("the interrupt is still there").isTrue();
                    assertThat(encoded.bytes()).isEqualTo(expected.bytes());
                    assertThat(BatchCodec.encode(decoded).bytes()).isEqualTo(expected.bytes());
                }
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void emptyAndZeroColumnBatchesKeepTheirRowCounts() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("codec-empty")) {
            Schema schema = Schema.of(dev.floe.api.types.Field.of("x", DataType.string()));
            try (RecordBatch empty = RecordBatch.empty(schema, a.get());
                    RecordBatch back = BatchCodec.decode(BatchCodec.encode(empty), schema, a.get())) {
                assertThat(back.numRows()).isZero();
            }
            try (RecordBatch noColumns = RecordBatch.of(Schema.empty(), List.of(), 1234);
                    RecordBatch back = BatchCodec.decode(BatchCodec.encode(noColumns), Schema.empty(), a.get())) {
                assertThat(back.numRows()).isEqualTo(1234);
                assertThat(back.numColumns()).isZero();
            }
        }
    }

    @Test
    void slicedBatchesEncodeOnlyTheirRows() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("codec-slice");
                RecordBatch b = Batches.with(a.get())
                        .col("s", DataType.string(), "a", "bb", null, "dddd", "e")
                        .col("n", DataType.int64(), 1L, 2L, 3L, null, 5L).build();
                RecordBatch slice = b.slice(1, 3, a.get());
                RecordBatch back = BatchCodec.decode(BatchCodec.encode(slice), slice.schema(), a.get())) {
            assertThat(Batches.values(back, 0)).containsExactly("bb", null, "dddd");
            assertThat(Batches.values(back, 1)).containsExactly(2L, 3L, null);
        }
    }
}
