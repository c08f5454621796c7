package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Splitting migration scripts into statements. */
class SqlScriptTest {

    @Test
    void splitsAtSemicolonsAndDropsComments() {
        String script = "-- header; not a statement\nCREATE TABLE a (id INT); /* block; comment */\n"
                + "CREATE TABLE b (id INT) -- trailing\n;\n\n";

        assertThat(SqlScript.statements(script))
                .containsExactly("CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)");
    }

    @Test
    void keepsSemicolonsAndDashesInsideQuotes() {
        String script = "INSERT INTO t VALUES ('a;b', 'it''s -- fine');\nCREATE TABLE \"odd;name\" (id INT)";

        assertThat(SqlScript.statements(script))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s -- fine')", "CREATE TABLE \"odd;name\" (id INT)");
    }

    @Test
    void refusesAnUnclosedQuote() {
        assertThatThrownBy(() -> SqlScript.statements("INSERT INTO t VALUES ('oops);"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed ' quote");
    }
}
