package dev.floe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated orders CSV files and the exact answer of {@link TpchJob}'s report over them. Prices are
 * multiples of 0.25 well below 2^50, so every sum is exact in any order and a failover that re-adds
 * a partition would show.
 */
final class OrdersData {
    private static final String[] PRIORITIES = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
    private static final String STATUSES = "FOP";

    /** One output row of the report. */
    record Group(String priority, String status, long count, double revenue, double max) {
        double mean() {
            return revenue / count;
        }
    }

    private OrdersData() {
    }

    /** Writes {@code rows} orders into {@code files} CSV files under {@code dir}; returns the expected report. */
    static List<Group> write(Path dir, long rows, int files) throws IOException {
        Files.createDirectories(dir);
        Map<String, double[]> groups = new TreeMap<>();   // key -> count, sum, max
        long perFile = (rows + files - 1) / files;
        for (int f = 0; f < files; f++) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("orders-" + f + ".csv"))) {
                out.write("o_orderkey,o_orderstatus,o_totalprice,o_orderpriority,o_comment\n");
                for (long i = f * perFile; i < Math.min(rows, (f + 1) * perFile); i++) {
                    String priority = PRIORITIES[(int) ((i * 7) % PRIORITIES.length)];
                    char status = STATUSES.charAt((int) (i % 3));
                    double price = (i % 100_003) + 0.25 * (i % 4);
                    out.write(Long.toString(i));
                    out.write(',');
                    out.write(status);
                    out.write(',');
                    out.write(Double.toString(price));
                    out.write(',');
                    out.write(priority);
                    out.write(",carefully final deposits ");
                    out.write(Long.toString(i % 977));
                    out.write('\n');
                    double[] g = groups.computeIfAbsent(priority + "," + status, k -> new double[] {0, 0, -1});
                    g[0]++;
                    g[1] += price;
                    g[2] = Math.max(g[2], price);
                }
            }
        }
        List<Group> expected = new ArrayList<>();
        groups.forEach((key, g) -> {
            String[] parts = key.split(",");
            expected.add(new Group(parts[0], parts[1], (long) g[0], g[1], g[2]));
        });
        return expected;
    }

    /** The CSV lines {@code tpch --format csv} printed, between its header and its "done" line. */
    static List<Group> parse(String output) {
        List<Group> rows = new ArrayList<>();
        boolean inside = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("o_orderpriority,o_orderstatus,order_count,revenue,avg_price,max_price")) {
                inside = true;
            } else if (line.startsWith("tpch: done") || line.startsWith("figures: ")) {
                inside = false;
            } else if (inside) {
                String[] f = line.split(",");
                Group g = new Group(f[0], f[1], Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[5]));
                assertThat(Double.parseDouble(f[4])).as("mean of %s", line).isCloseTo(g.mean(), within(1e-9 * g.mean()));
                rows.add(g);
            }
        }
        return rows;
    }
}
