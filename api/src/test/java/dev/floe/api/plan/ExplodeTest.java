package dev.floe.api.plan;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Explode node: its schema, the projection an expression adds below it, and its errors. */
class ExplodeTest {
    private static final Schema SCHEMA = new Schema(List.of(Field.of("id", DataType.int64()),
            Field.of("xs", DataType.list(DataType.int64())), Field.of("s", DataType.string())));

    private static LogicalPlan scan() {
        return Scan.of(new InMemorySource("t", SCHEMA, List.of()));
    }

    @Test
    void listColumnBecomesItsElementTypeInPlace() {
        LogicalPlan p = Explode.fromExprs(scan(), List.of(col("xs").node()));
        assertThat(p.describe()).isEqualTo("Explode: xs");
        assertThat(p.schema().toString()).isEqualTo("id: int64\nxs: int64\ns: string");
    }

    @Test
    void anExpressionReplacesTheColumnOfItsNameFirst() {
        Expr split = col("s").str().split(",").node();
        LogicalPlan p = Explode.fromExprs(scan(), List.of(split));
        assertThat(PlanPrinter.print(p)).startsWith("""
                Explode: s
                  Project: id, xs, split(s, ',') AS s
                """);
        assertThat(p.schema().field(2)).isEqualTo(Field.of("s", DataType.string()));
    }

    @Test
    void errorsNameTheColumn() {
        assertThatThrownBy(() -> Explode.fromExprs(scan(), List.of(col("s").node())))
                .isInstanceOf(PlanException.class).hasMessageContaining("'s' is string");
        assertThatThrownBy(() -> Explode.fromExprs(scan(), List.of(col("x").node())))
                .isInstanceOf(PlanException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> Explode.fromExprs(scan(), List.of()))
                .isInstanceOf(PlanException.class).hasMessageContaining("at least one");
    }
}
