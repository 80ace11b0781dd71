package dev.floe.operators.source;

import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.formats.HiveDirectories;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Adds hive partition columns to the batches a file reader produces: the reader decodes only the
 * file's own columns, and each partition column is filled with its directory value.
 */
final class PartitionColumns {
    private PartitionColumns() {
    }

    /** The read columns that the file itself holds. */
    static List<String> fileColumns(List<String> readColumns, List<String> partitionColumns) {
        if (partitionColumns.isEmpty()) {
            return readColumns;
        }
        return readColumns.stream().filter(c -> !partitionColumns.contains(c)).toList();
    }

    /** The columns of the source schema that the files themselves hold. */
    static Schema fileSchema(Schema sourceSchema, List<String> partitionColumns) {
        return partitionColumns.isEmpty() ? sourceSchema
                : sourceSchema.select(fileColumns(sourceSchema.names(), partitionColumns));
    }

    /** Batches of {@code readColumns} from batches of the file's columns. */
    static SplitOpener.BatchIterator append(SplitOpener.BatchIterator files, Schema sourceSchema, List<String> readColumns,
            List<String> partitionColumns, FilePayload payload, BufferAllocator allocator) {
        if (partitionColumns.isEmpty() || readColumns.stream().noneMatch(partitionColumns::contains)) {
            return files;
        }
        Schema out = sourceSchema.select(readColumns);
        return new SplitOpener.BatchIterator() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public RecordBatch next() {
                try (RecordBatch b = files.next()) {
                    int n = b.numRows();
                    List<FieldVector> vectors = new ArrayList<>(readColumns.size());
                    try {
                        int fileColumn = 0;
                        for (String c : readColumns) {
                            int k = partitionColumns.indexOf(c);
                            if (k >= 0) {
                                Field f = out.field(out.indexOf(c));
                                String raw = payload.partitionValues() == null ? null : payload.partitionValues().get(k);
                                vectors.add(HiveDirectories.constantVector(f, raw, n, allocator));
                            } else {
                                // take over the reader's vector: the batch closes only what is left in it
                                FieldVector v = b.vector(fileColumn++);
                                org.apache.arrow.vector.util.TransferPair t = v.getTransferPair(allocator);
                                t.transfer();
                                vectors.add((FieldVector) t.getTo());
                            }
                        }
                    } catch (RuntimeException e) {
                        vectors.forEach(FieldVector::close);
                        throw e;
                    }
                    return RecordBatch.of(out, vectors, n);
                }
            }

            @Override
            public void close() throws Exception {
                files.close();
            }
        };
    }
}
