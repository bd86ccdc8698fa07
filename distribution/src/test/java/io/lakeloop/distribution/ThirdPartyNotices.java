package io.lakeloop.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** THIRD-PARTY.txt as the license-maven-plugin writes it: one line per bundled artifact with its licenses. */
final class ThirdPartyNotices {

    /** {@code     (License A) (License B) Name (group:artifact:version - url)} */
    private static final Pattern LINE = Pattern.compile(
            "^\\s+(?<licenses>(?:\\([^()]*\\)\\s+)+)(?<name>.*) \\((?<group>[^:\\s]+):(?<artifact>[^:\\s]+)"
                    + ":(?<version>[^\\s]+) - [^)]*\\)$");
    private static final Pattern LICENSE = Pattern.compile("\\(([^()]*)\\)");

    record Entry(String group, String artifact, String version, List<String> licenses) {

        String coordinates() {
            return group + ":" + artifact + ":" + version;
        }

        boolean apache() {
            return licenses.contains("Apache-2.0");
        }
    }

    private ThirdPartyNotices() {
    }

    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                List<String> licenses = new ArrayList<>();
                Matcher l = LICENSE.matcher(m.group("licenses"));
                while (l.find()) {
                    licenses.add(l.group(1));
                }
                entries.add(new Entry(m.group("group"), m.group("artifact"), m.group("version"), licenses));
            } else if (line.startsWith(" ") && !line.isBlank()) {
                throw new AssertionError("not a notices line: " + line);
            }
        }
        return entries;
    }
}
