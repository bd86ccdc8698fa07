package io.lakeloop.export;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB in this JVM, standing in for Athena as the producer of lake parts nobody here wrote (its {@code COPY ... TO}
 * writes Parquet and Hive-style text) and as the independent reader of the same files for the expected row set.
 */
final class DuckDb implements AutoCloseable {

    private final Connection connection;

    DuckDb() throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    void exec(String... sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Every row of the query, each cell as DuckDB renders it as text ({@code null} for NULL). */
    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    /** A path as a SQL string literal. */
    static String lit(Object path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
