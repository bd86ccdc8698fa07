package io.lakeloop.cli.demo;

import io.lakeloop.lake.Csv;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the exporter published: the run's rows in the Personalize CSV, and Personalize's training minimums measured
 * on the whole file (it is the whole file that Personalize imports).
 */
public record ExportedFile(long runRows, long totalRows, long usersWithTwoOrMore, List<String> header) {

    public static ExportedFile parse(String csv, String runPrefix) {
        Csv.Parser parser = new Csv.Parser(new StringReader(csv));
        List<String> header = parser.next();
        if (header == null) {
            return new ExportedFile(0, 0, 0, List.of());
        }
        int userColumn = -1;
        for (int i = 0; i < header.size(); i++) {
            if ("USER_ID".equals(header.get(i).toUpperCase(Locale.ROOT))) {
                userColumn = i;
            }
        }
        if (userColumn < 0) {
            throw new IllegalStateException("The exported CSV has no USER_ID column: " + header);
        }
        long run = 0;
        long total = 0;
        Map<String, Long> perUser = new HashMap<>();
        for (List<String> row = parser.next(); row != null; row = parser.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            total++;
            String user = row.get(userColumn);
            perUser.merge(user, 1L, Long::sum);
            if (user.startsWith(runPrefix)) {
                run++;
            }
        }
        long twoOrMore = perUser.values().stream().filter(n -> n >= 2).count();
        return new ExportedFile(run, total, twoOrMore, header);
    }

    public Reconciliation.Trainability trainability() {
        return new Reconciliation.Trainability(totalRows, usersWithTwoOrMore);
    }
}
