package dev.floe.operators.sink;

import dev.floe.api.CsvOptions;
import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.plan.Write;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.GroupTable;
import dev.floe.arrow.kernels.Selection;
import dev.floe.formats.BatchWriter;
import dev.floe.formats.FileFormatHandler;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StageEndSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes every batch it sees into files under the staging directory, one file per partition value
 * (hive-style {@code key=value} directories) per subtask, and at end of input emits one row per
 * file: the path the file will have once the job succeeds and the client publishes it, then the
 * partition values. Files of a failed or restarted attempt are never reported, so they are never
 * published.
 *
 * @param stagingDir where files are written ({@code <dir>/.floe-staging-<id>}, hidden from readers)
 * @param finalDir   the user's directory, where the client moves the reported files
 * @param csv        options for CSV files (null: the defaults)
 * @param parquet    options for Parquet files (null: the defaults)
 */
public record WriteSpec(Schema inputSchema, Write.Format format, String stagingDir, String finalDir,
        List<String> partitionColumns, CsvOptions csv, ParquetWriteOptions parquet, Schema outputSchema,
        String describe) implements StageEndSpec {

    /** Staging folders start with a dot, so readers of the directory skip them. */
    public static final String STAGING_PREFIX = ".floe-staging-";

    /** Hive's name for a null partition value. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    public WriteSpec {
        partitionColumns = List.copyOf(partitionColumns);
    }

    @Override
    public Step create(StepContext context) {
        return new FileWriter(this, context.allocator());
    }

    /**
     * Writes one file without rows, with the input's schema, into the staging folder and returns
     * its path relative to the target directory: the commit of a write that produced no rows
     * publishes it, so reading the directory back keeps the schema (as Spark does). Only for
     * unpartitioned writes (a partitioned write without rows has no partition folder to put it in).
     */
    public String writeEmptyFile() {
        if (!partitionColumns.isEmpty()) {
            throw new IllegalStateException("an empty partitioned write has no partition folder for an empty file");
        }
        String relative = "part-" + UUID.randomUUID() + "." + format.extension();
        try (var writer = FileFormatHandler.of(format.with(csv, parquet)).createWriter(stagingDir + "/" + relative,
                inputSchema)) {
            return relative;
        } catch (Exception e) {
            throw new IllegalStateException("could not write an empty " + format.extension() + " file under "
                    + stagingDir + ": " + e.getMessage(), e);
        }
    }

    private static final class FileWriter implements Step {
        private final WriteSpec spec;
        private final BufferAllocator allocator;
        private final int[] partitionIndexes;
        private final int[] dataIndexes;
        private final Schema dataSchema;
        private final GroupTable partitions;
        private final List<BatchWriter> writers = new ArrayList<>();
        private final List<String> relativePaths = new ArrayList<>();

        FileWriter(WriteSpec spec, BufferAllocator allocator) {
            this.spec = spec;
            this.allocator = allocator;
            Schema in = spec.inputSchema;
            partitionIndexes = new int[spec.partitionColumns.size()];
            List<Field> partitionFields = new ArrayList<>();
            for (int i = 0; i < partitionIndexes.length; i++) {
                partitionIndexes[i] = in.indexOf(spec.partitionColumns.get(i));
                partitionFields.add(in.field(partitionIndexes[i]));
            }
            List<Field> data = new ArrayList<>();
            List<Integer> dataIdx = new ArrayList<>();
            for (int c = 0; c < in.size(); c++) {
                if (!spec.partitionColumns.contains(in.field(c).name())) {
                    data.add(in.field(c));
                    dataIdx.add(c);
                }
            }
            dataSchema = new Schema(data);
            dataIndexes = dataIdx.stream().mapToInt(Integer::intValue).toArray();
            partitions = new GroupTable(new Schema(partitionFields).types(), allocator);
        }

        @Override
        public void push(RecordBatch input, Emitter out) {
            try (input) {
                int n = input.numRows();
                if (n == 0) {
                    return;
                }
                List<FieldVector> keys = new ArrayList<>();
                for (int i : partitionIndexes) {
                    keys.add(input.vector(i));
                }
                int[] groups = partitions.insert(keys, n);
                int numGroups = partitions.numGroups();
                int[] counts = new int[numGroups + 1];
                for (int i = 0; i < n; i++) {
                    counts[groups[i] + 1]++;
                    if (groups[i] >= writers.size()) {
                        open(input, i);
                    }
                }
                if (partitionIndexes.length == 0) {
                    write(0, input);
                    return;
                }
                // a view over the input's data columns: the input owns (and closes) its vectors
                RecordBatch data = dataColumns(input);
                if (counts[groups[0] + 1] == n) {
                    write(groups[0], data);
                    return;
                }
                int[] starts = new int[numGroups + 1];
                for (int g = 0; g < numGroups; g++) {
                    starts[g + 1] = starts[g] + counts[g + 1];
                }
                int[] fill = Arrays.copyOf(starts, numGroups);
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[fill[groups[i]]++] = i;
                }
                for (int g = 0; g < numGroups; g++) {
                    if (starts[g + 1] > starts[g]) {
                        try (RecordBatch rows = Selection.take(data, Arrays.copyOfRange(order, starts[g],
                                starts[g + 1]), allocator)) {
                            write(g, rows);
                        }
                    }
                }
            }
        }

        /**
         * The batch's data columns (the partition columns left out) as a view that shares the input's
         * vectors: never close it, the input does. Each partition's rows are taken from it into an owned
         * batch; a batch of one partition is written straight from the view, without a copy.
         */
        private RecordBatch dataColumns(RecordBatch input) {
            List<FieldVector> vectors = new ArrayList<>();
            for (int c : dataIndexes) {
                vectors.add(input.vector(c));
            }
            return RecordBatch.of(dataSchema, vectors, input.numRows());
        }

        /** Opens the file of the partition that row {@code row} of the batch starts. */
        private void open(RecordBatch input, int row) {
            StringBuilder dir = new StringBuilder();
            for (int i = 0; i < partitionIndexes.length; i++) {
                Object value = input.column(partitionIndexes[i]).get(row);
                dir.append(escape(spec.partitionColumns.get(i))).append('=')
                        .append(value == null ? NULL_PARTITION : escape(value.toString())).append('/');
            }
            String relative = dir + "part-" + UUID.randomUUID() + "." + spec.format.extension();
            String staged = spec.stagingDir + "/" + relative;
            writers.add(FileFormatHandler.of(spec.format.with(spec.csv, spec.parquet)).createWriter(staged, dataSchema));
            relativePaths.add(relative);
        }

        private void write(int group, RecordBatch rows) {
            writers.get(group).write(rows);
        }

        @Override
        public void finish(Emitter out) {
            closeWriters();
            int n = relativePaths.size();
            if (n == 0) {
                return;
            }
            List<FieldVector> columns = new ArrayList<>();
            VarCharVector paths = new VarCharVector("path", allocator);
            columns.add(paths);
            paths.allocateNew(n);
            for (int i = 0; i < n; i++) {
                paths.setSafe(i, (spec.finalDir + "/" + relativePaths.get(i)).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            paths.setValueCount(n);
            if (partitionIndexes.length > 0) {
                columns.addAll(partitions.keys(allocator));
            }
            out.emit(RecordBatch.of(spec.outputSchema, columns, n));
        }

        private void closeWriters() {
            RuntimeException failure = null;
            for (BatchWriter w : writers) {
                try {
                    w.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
            writers.clear();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() {
            try {
                closeWriters();
            } catch (RuntimeException ignored) {
                // closing after a failure: the staged files are discarded by the client
            }
            partitions.close();
        }

        /** Hive-style escaping of path characters. */
        static String escape(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ' ') {
                    sb.append(c);
                } else {
                    sb.append('%').append(String.format("%02X", (int) c & 0xFF));
                }
            }
            return sb.toString();
        }
    }
}
