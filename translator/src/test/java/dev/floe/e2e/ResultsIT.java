package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.CloseableIterator;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 1: results as an ArrowReader, batches, rows, records and beans, streamed while the
 * job runs. Expected values are computed from the inputs (sums of 0..n-1 and products of two ranges).
 */
class ResultsIT {
    private static Floe floe;
    private static DataFrame people;

    public record Person(String name, long age, Double score) {
    }

    public static class PersonBean {
        private String name;
        private Long age;

        public PersonBean() {
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Long getAge() {
            return age;
        }

        public void setAge(Long age) {
            this.age = age;
        }
    }

    @BeforeAll
    static void start() {
        floe = SharedCluster.floe(2);
        Map<String, List<?>> c = new LinkedHashMap<>();
        c.put("name", List.of("ann", "bob", "cy"));
        c.put("age", List.of(31L, 42L, 27L));
        c.put("score", Arrays.asList(1.5, null, 3.0));
        people = floe.fromColumns(c);
    }

    @AfterAll
    static void stop() {
        floe.close();
    }

    /** a x b rows: a in 0..n-1 crossed with b in 0..m-1. */
    private static DataFrame grid(int n, int m) {
        DataFrame left = floe.fromColumns(Map.of("a", LongStream.range(0, n).boxed().toList()));
        DataFrame right = floe.fromColumns(Map.of("b", LongStream.range(0, m).boxed().toList()));
        return left.crossJoin(right);
    }

    @Test
    void anArrowReaderStreamsEveryBatch() throws Exception {
        int n = 300;
        int m = 200;
        long rows = 0;
        long sumA = 0;
        int batches = 0;
        try (ArrowReader reader = grid(n, m).toArrowReader()) {
            assertThat(reader.getVectorSchemaRoot().getSchema().getFields()).hasSize(2);
            while (reader.loadNextBatch()) {
                batches++;
                BigIntVector a = (BigIntVector) reader.getVectorSchemaRoot().getVector("a");
                for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                    sumA += a.get(i);
                }
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        assertThat(rows).isEqualTo((long) n * m);
        assertThat(sumA).isEqualTo((long) m * n * (n - 1) / 2);
        assertThat(batches).isGreaterThan(0);
    }

    @Test
    void theJobWaitsForAReaderThatDoesNotRead() throws Exception {
        // about 64 MB of results: more than the collect sink buffers, so the job cannot finish unread
        int n = 2000;
        try (ArrowReader reader = grid(n, n).toArrowReader()) {
            assertThat(reader.loadNextBatch()).isTrue();
            Thread.sleep(3000);
            assertThat(runningJobs()).as("the job is still running while the reader holds back").isPositive();
            long rows = reader.getVectorSchemaRoot().getRowCount();
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            assertThat(rows).isEqualTo((long) n * n);
        }
    }

    @Test
    void closingEarlyCancelsTheJobAndTheSessionGoesOn() throws Exception {
        try (CloseableIterator<Table> it = grid(2000, 2000).iterBatches()) {
            try (Table first = it.next()) {
                assertThat(first.numRows()).isPositive();
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (runningJobs() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(runningJobs()).isZero();
        assertThat(people.countRows()).isEqualTo(3);
    }

    @Test
    void batchesAndRowsCoverTheResult() {
        long rows = 0;
        try (CloseableIterator<Table> it = grid(50, 40).iterBatches()) {
            while (it.hasNext()) {
                try (Table t = it.next()) {
                    rows += t.numRows();
                }
            }
        }
        assertThat(rows).isEqualTo(2000);
        List<List<Object>> seen = new ArrayList<>();
        try (CloseableIterator<List<Object>> it = people.iterator()) {
            it.forEachRemaining(seen::add);
        }
        assertThat(seen).containsExactlyInAnyOrder(List.of("ann", 31L, 1.5), Arrays.asList("bob", 42L, null),
                List.of("cy", 27L, 3.0));
    }

    @Test
    void recordsAndBeansByColumnName() {
        assertThat(people.as(Person.class)).containsExactlyInAnyOrder(new Person("ann", 31, 1.5),
                new Person("bob", 42, null), new Person("cy", 27, 3.0));
        try (Stream<Person> s = people.sort(col("age")).stream(Person.class)) {
            assertThat(s.map(Person::name).toList()).containsExactly("cy", "ann", "bob");
        }
        List<PersonBean> beans = people.sort(col("age").desc()).as(PersonBean.class);
        assertThat(beans).extracting(PersonBean::getName, PersonBean::getAge)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", 42L), org.assertj.core.groups.Tuple.tuple("ann", 31L),
                        org.assertj.core.groups.Tuple.tuple("cy", 27L));
    }

    @Test
    void headFirstAndTake() {
        DataFrame sorted = people.sort(col("age"));
        assertThat(sorted.head(2)).containsExactly(List.of("cy", 27L, 3.0), List.of("ann", 31L, 1.5));
        assertThat(sorted.take(1)).containsExactly(List.of("cy", 27L, 3.0));
        assertThat(sorted.first()).isEqualTo(List.of("cy", 27L, 3.0));
        assertThat(people.where(col("age").gt(100L)).first()).isNull();
    }

    /** Jobs the shared cluster reports as RUNNING (REST /jobs/overview). */
    private static int runningJobs() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + SharedCluster.restPort() + "/jobs/overview");
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int count = 0;
        for (int at = body.indexOf("\"state\":\"RUNNING\""); at >= 0; at = body.indexOf("\"state\":\"RUNNING\"", at + 1)) {
            count++;
        }
        return count;
    }
}
