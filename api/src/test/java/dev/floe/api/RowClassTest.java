package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import org.junit.jupiter.api.Test;

/** as(Class)/stream(Class) check names and types before any job runs (PlanOnly fails on any execution). */
class RowClassTest {
    private static final Schema SCHEMA = Schema.of(Field.of("name", DataType.string()), Field.of("age", DataType.int32()),
            Field.of("score", DataType.float64()));

    public record Person(String name, long age, Double score) {
    }

    public record Misnamed(String name, long years) {
    }

    public record WrongType(String name, String age) {
    }

    public record Narrower(String name, short age) {
    }

    public static class Bean {
        private String name;
        private Integer age;

        public Bean() {
        }

        public void setName(String name) {
            this.name = name;
        }

        public void setAge(Integer age) {
            this.age = age;
        }

        public String getName() {
            return name;
        }

        public Integer getAge() {
            return age;
        }
    }

    @Test
    void recordsAndBeansWhoseComponentsHoldTheColumnsAreAccepted() {
        assertThat(RowClass.of(Person.class, SCHEMA)).isNotNull();
        assertThat(RowClass.of(Bean.class, SCHEMA)).isNotNull();
    }

    @Test
    void aComponentWithoutAColumnIsAPlanExceptionBeforeAnyJob() {
        DataFrame df = PlanOnly.frame(SCHEMA);
        assertThatThrownBy(() -> df.as(Misnamed.class)).isInstanceOf(PlanException.class)
                .hasMessageContaining("years has no column of that name").hasMessageContaining("[name, age, score]");
    }

    @Test
    void aComponentTypeThatCannotHoldTheColumnIsAPlanExceptionNamingBoth() {
        DataFrame df = PlanOnly.frame(SCHEMA);
        assertThatThrownBy(() -> df.stream(WrongType.class)).isInstanceOf(PlanException.class)
                .hasMessageContaining("age is String but column 'age' is int32, read as Integer");
        assertThatThrownBy(() -> df.as(Narrower.class)).isInstanceOf(PlanException.class)
                .hasMessageContaining("age is short but column 'age' is int32");
    }

    public record Scored(String name, long age) {
    }

    private static dev.floe.arrow.RecordBatch batch(java.util.List<String> names, java.util.List<Long> ages) {
        java.util.LinkedHashMap<String, java.util.List<?>> columns = new java.util.LinkedHashMap<>();
        columns.put("name", names);
        columns.put("age", ages);
        return dev.floe.arrow.Table.fromColumns(columns).batches().get(0);
    }

    /** Spark throws "Null value appeared in non-nullable field"; Floe names the column, the row and the fix. */
    @Test
    void aNullInAPrimitiveComponentFailsNamingTheColumnTheRowAndTheBoxedType() {
        java.util.Iterator<dev.floe.arrow.RecordBatch> batches = java.util.List.of(
                batch(java.util.List.of("a", "b"), java.util.List.of(1L, 2L)),
                batch(java.util.List.of("c", "d"), java.util.Arrays.asList(3L, null))).iterator();
        CloseableIterator<dev.floe.arrow.RecordBatch> source = new CloseableIterator<>() {
            @Override public boolean hasNext() { return batches.hasNext(); }

            @Override public dev.floe.arrow.RecordBatch next() { return batches.next(); }

            @Override public void close() {
            }
        };
        Schema schema = Schema.of(Field.of("name", DataType.string()), Field.of("age", DataType.int64()));
        RowClass<Scored> rows = RowClass.of(Scored.class, schema);
        try (CloseableIterator<Scored> it = Results.rows(source, rows::map)) {
            assertThat(it.next()).isEqualTo(new Scored("a", 1));
            it.next();
            it.next();
            assertThatThrownBy(it::next).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("column 'age' is null at row 3 of the result")
                    .hasMessageContaining("record component long age is primitive")
                    .hasMessageContaining("declare it Long age");
        }
    }
}
