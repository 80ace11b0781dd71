package dev.floe.translator.physical;

import dev.floe.api.ExecutionException;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.HivePartitions;
import dev.floe.api.types.Schema;
import dev.floe.formats.FileFormatHandler;
import dev.floe.formats.HiveDirectories;
import dev.floe.formats.ParquetFormat;
import dev.floe.formats.PruningPredicates;
import dev.floe.formats.StatsPredicate;
import dev.floe.formats.StatsPruning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a file scan reads after pruning, decided on the client before the job starts: files whose
 * hive partition values rule out every row are dropped, and of each Parquet file only the row
 * groups whose statistics might hold a matching row are kept (each becomes a split).
 *
 * <pre>{@code FileScanPlan plan = FileScanPlan.of(source, scan.filters()); plan.describe(); // "row groups: 90 of 100 skipped"}</pre>
 *
 * @param pieces          the files to read, each with its row groups (null = the whole file)
 * @param predicate       what statistics were checked against, or null
 * @param filesSkipped    files dropped by their partition values
 * @param rowGroupsTotal  row groups in the Parquet files that were not dropped
 * @param rowGroupsSkipped of those, row groups dropped by their statistics
 * @param rowsToRead      rows in the row groups kept, from the Parquet footers; -1 when some file
 *                        has no footer that tells (CSV, JSON lines)
 */
public record FileScanPlan(List<Piece> pieces, StatsPredicate predicate, int filesTotal, int filesSkipped,
        int rowGroupsTotal, int rowGroupsSkipped, long rowsToRead) {

    /** A file of the source (index into its files) and the row groups to read (null = all). */
    public record Piece(int file, int[] rowGroups) {
    }

    public FileScanPlan {
        pieces = List.copyOf(pieces);
    }

    public static FileScanPlan of(FileSource source, List<dev.floe.api.expr.Expr> filters) {
        StatsPredicate predicate = PruningPredicates.of(filters);
        Schema schema = source.schema();
        HivePartitions partitions = source.partitions();
        FileFormatHandler handler = FileFormatHandler.of(source.format());
        List<Piece> pieces = new ArrayList<>();
        int filesSkipped = 0;
        int groupsTotal = 0;
        int groupsSkipped = 0;
        long rows = 0;
        for (int i = 0; i < source.files().size(); i++) {
            Map<String, Object> constants = partitions.isEmpty() ? Map.of() : HiveDirectories.normalizedValues(partitions, i);
            if (predicate != null && !constants.isEmpty() && !StatsPruning.mightMatch(predicate, schema,
                    column -> constants.containsKey(column) ? StatsPruning.ColumnStats.constant(constants.get(column), 1)
                            : null)) {
                filesSkipped++;
                continue;
            }
            ParquetFormat.RowGroupSelection sel;
            try {
                sel = handler.selectRowGroups(source.files().get(i), schema, predicate, constants);
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                // the footer was read when the DataFrame was built: the file changed or vanished since
                throw new ExecutionException(e.getMessage(), e);
            }
            if (sel == null) {
                pieces.add(new Piece(i, null));
                rows = -1;
                continue;
            }
            rows = rows < 0 ? rows : rows + sel.keptRows();
            groupsTotal += sel.total();
            groupsSkipped += sel.skipped();
            for (int g : sel.kept()) {
                pieces.add(new Piece(i, new int[] {g}));
            }
        }
        return new FileScanPlan(pieces, predicate, source.files().size(), filesSkipped, groupsTotal, groupsSkipped,
                rows);
    }

    /** For plan lines: the statistics filter and what it skipped. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (predicate != null) {
            sb.append("pruning=[").append(predicate.display()).append("] ");
        }
        if (filesSkipped > 0) {
            sb.append("files: ").append(filesSkipped).append(" of ").append(filesTotal).append(" skipped, ");
        }
        if (rowGroupsTotal > 0) {
            sb.append("row groups: ").append(rowGroupsSkipped).append(" of ").append(rowGroupsTotal).append(" skipped");
        }
        String s = sb.toString().strip();
        return s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }
}
