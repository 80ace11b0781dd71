package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.Select;
import org.junit.jupiter.api.Test;

class ParserLibraryTest {

    @Test
    void theParserLibraryIsOnTheClassPath() throws Exception {
        assertThat(CCJSqlParserUtil.parse("SELECT a, count(*) FROM t GROUP BY a")).isInstanceOf(Select.class);
    }
}
