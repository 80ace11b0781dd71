package dev.floe.fuzz;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import dev.floe.testing.DuckOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.apache.arrow.vector.FieldVector;

/**
 * A random table held as Java rows, loaded identically into DuckDB and into Floe: 0 to a few
 * hundred rows, per column a null fraction from 0 to 100%, a value domain from 2 to 1000 distinct
 * values and sometimes one hot value (skewed keys). Small tables on 4 partitions leave partitions
 * empty.
 */
final class FuzzTable {
    private static final int[] ROW_COUNTS = {0, 1, 5, 40, 40, 150, 150, 300};
    private static final double[] NULL_FRACTIONS = {0, 0, 0, 0.05, 0.3, 0.9, 1.0};
    private static final int[] DOMAINS = {2, 5, 20, 1000};

    final String name;
    final List<String> columns;
    final List<FuzzType> types;
    final List<List<Object>> rows;

    private FuzzTable(String name, List<String> columns, List<FuzzType> types, List<List<Object>> rows) {
        this.name = name;
        this.columns = columns;
        this.types = types;
        this.rows = rows;
    }

    /** Table {@code name}; columns are named by the table's letter so that distinct tables never collide. */
    static FuzzTable random(Random r, String name, char letter) {
        int n = ROW_COUNTS[r.nextInt(ROW_COUNTS.length)];
        int width = 3 + r.nextInt(5);
        List<String> columns = new ArrayList<>();
        List<FuzzType> types = new ArrayList<>();
        FuzzType[] all = FuzzType.values();
        for (int c = 0; c < width; c++) {
            // the first column is always a small-domain integer key so joins find partners
            FuzzType t = c == 0 ? FuzzType.INT64 : all[r.nextInt(all.length)];
            columns.add(String.valueOf(letter) + c);
            types.add(t);
        }
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new ArrayList<>(width));
        }
        for (int c = 0; c < width; c++) {
            double nulls = NULL_FRACTIONS[r.nextInt(NULL_FRACTIONS.length)];
            int domain = c == 0 ? DOMAINS[r.nextInt(3)] : DOMAINS[r.nextInt(DOMAINS.length)];
            boolean skewed = r.nextInt(3) == 0;
            Object hot = types.get(c).value(r, domain);
            for (List<Object> row : rows) {
                Object v;
                if (r.nextDouble() < nulls) {
                    v = null;
                } else if (skewed && r.nextDouble() < 0.6) {
                    v = hot;
                } else {
                    v = types.get(c).value(r, domain);
                }
                row.add(v);
            }
        }
        return new FuzzTable(name, columns, types, rows);
    }

    void load(DuckOracle duck) {
        StringJoiner ddl = new StringJoiner(", ", "CREATE OR REPLACE TABLE " + name + " (", ")");
        for (int c = 0; c < columns.size(); c++) {
            ddl.add("\"" + columns.get(c) + "\" " + types.get(c).sql);
        }
        duck.execute(ddl.toString());
        if (!rows.isEmpty()) {
            duck.insert(name, columns.size(), rows);
        }
    }

    DataFrame frame(Floe floe) {
        return frame(floe, columns, types, rows);
    }

    /** An empty frame with these columns, to type expressions on without running anything. */
    static DataFrame empty(Floe floe, List<String> columns, List<FuzzType> types) {
        return frame(floe, columns, types, List.of());
    }

    private static DataFrame frame(Floe floe, List<String> columns, List<FuzzType> types, List<List<Object>> rows) {
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            fields.add(new Field(columns.get(c), types.get(c).floe));
        }
        Schema schema = new Schema(fields);
        List<FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                values.add(row.get(c));
            }
            vectors.add(Values.toVector(columns.get(c), types.get(c).floe, values, Allocators.root()));
        }
        try (RecordBatch batch = RecordBatch.of(schema, vectors, rows.size())) {
            return floe.fromArrow(batch.asRoot());
        }
    }

    /** The table as Java source a reproducer can paste (rows as {@code fromColumns} lists). */
    String javaSource() {
        StringBuilder b = new StringBuilder("DataFrame " + name + " = floe.fromColumns(columns(   // "
                + rows.size() + " rows; types: ");
        for (int c = 0; c < columns.size(); c++) {
            b.append(c == 0 ? "" : ", ").append(columns.get(c)).append(' ').append(types.get(c).floe);
        }
        b.append('\n');
        for (int c = 0; c < columns.size(); c++) {
            b.append("    \"").append(columns.get(c)).append("\", Arrays.asList(");
            for (int i = 0; i < rows.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(types.get(c).javaLiteral(rows.get(i).get(c)));
            }
            b.append(c + 1 < columns.size() ? "),\n" : ")));\n");
        }
        return b.toString();
    }
}
