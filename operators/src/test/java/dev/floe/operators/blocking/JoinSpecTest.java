package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import org.junit.jupiter.api.Test;

/** The wide joined batch's names: the user's where they are free, an internal one only on a clash. */
class JoinSpecTest {
    private static Schema schema(String... names) {
        Field[] fields = new Field[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = Field.of(names[i], DataType.int64());
        }
        return Schema.of(fields);
    }

    @Test
    void rightColumnsKeepTheirNamesAndTakeThePrefixRightWhereTheLeftHasTheName() {
        assertThat(JoinSpec.wide(schema("k", "a"), schema("k", "b")).names())
                .containsExactly("k", "a", "right.k", "b");
    }

    @Test
    void aNameTakenTwiceOrLookingInternalBecomesUnique() {
        // right's k becomes right.k, so its own right.k column takes the prefix again (as Join.pairSchema
        // names it); a right column named like an internal one gets the internal name of its place
        assertThat(JoinSpec.wide(schema("k", "__right2"), schema("k", "right.k", "__right0")).names())
                .containsExactly("k", "__right2", "right.k", "right.right.k", "__right2_");
    }
}
