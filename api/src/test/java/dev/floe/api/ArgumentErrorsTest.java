package dev.floe.api;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.udf;
import static dev.floe.api.Functions.udfRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments fail where the expression is built, with a PlanException naming the argument
 * and the user's line, not with a NullPointerException or at the first action.
 */
class ArgumentErrorsTest {

    /** Not serializable: a UDF capturing it cannot travel to the TaskManagers. */
    static final class Model {
        long bias() {
            return 1;
        }
    }

    @Test
    void nullColumnNameIsNamed() {
        assertThatThrownBy(() -> col(null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("col(name): the column name is null")
                .hasMessageContaining("ArgumentErrorsTest.java:");
    }

    @Test
    void nonSerializableUdfFailsWhenBuiltNamingTheUdfAndTheCapturedClass() {
        Model model = new Model();
        assertThatThrownBy(() -> udfRow("score", DataType.int64(), row -> (Long) row[0] + model.bias(), col("x")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("UDF 'score' cannot be shipped to the TaskManagers")
                .hasMessageContaining("captures a " + Model.class.getName() + ", which is not Serializable")
                .hasMessageContaining("ArgumentErrorsTest.java:");
        Object lock = new Object();
        assertThatThrownBy(() -> udf("vec", DataType.int64(), in -> {
            synchronized (lock) {
                return in[0];
            }
        }, col("x"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("UDF 'vec'").hasMessageContaining("captures a java.lang.Object");
    }

    @Test
    void serializableCapturesAreAccepted() {
        record Offset(long value) implements Serializable {
        }
        Offset offset = new Offset(3);
        assertThat(udfRow("shift", DataType.int64(), row -> (Long) row[0] + offset.value(), col("x")).toString())
                .isEqualTo("shift(x)");
    }

    @Test
    void nullUdfPartsAreNamed() {
        assertThatThrownBy(() -> udfRow("f", null, row -> 1L)).isInstanceOf(PlanException.class)
                .hasMessageContaining("UDF 'f': the return type is null");
        assertThatThrownBy(() -> udfRow("f", DataType.int64(), null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("UDF 'f': the function is null");
        assertThatThrownBy(() -> udfRow(null, DataType.int64(), row -> 1L)).isInstanceOf(PlanException.class)
                .hasMessageContaining("non-null name");
    }
}
