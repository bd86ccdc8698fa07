import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's DuckDB (duckdb_jdbc, bench only): runs each argument as one SQL statement and prints what a query
 * returns. Used to write the Parquet table and, timed, as the baseline doing the same export:
 * {@code COPY (SELECT USER_ID, ITEM_ID, TIMESTAMP FROM read_parquet(...)) TO ... (HEADER)}.
 */
public final class DuckDbTool {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String sql : args) {
                if (s.execute(sql)) {
                    try (ResultSet r = s.getResultSet()) {
                        int n = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            StringBuilder line = new StringBuilder();
                            for (int i = 1; i <= n; i++) {
                                line.append(i > 1 ? "\t" : "").append(r.getString(i));
                            }
                            System.out.println(line);
                        }
                    }
                }
            }
        }
    }
}
