package io.lakeloop.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The PromQL of {@code config/monitoring/}: every panel target and variable query, every alert rule. */
final class MonitoringFiles {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent().resolve("config").resolve("monitoring");
    static final Path DASHBOARDS = ROOT.resolve("grafana");
    static final Path ALERTS = ROOT.resolve("prometheus").resolve("alerts.yml");
    static final Path JMX_EXPORTER_RULES = ROOT.resolve("jmx-exporter").resolve("connect-worker.yml");

    /** One expression and where it is, e.g. {@code lakeloop-collator.json panel "Heap" A}. */
    record Query(String where, String expr) {
        Set<String> metricNames() {
            return PromQlNames.of(expr);
        }
    }

    private MonitoringFiles() {
    }

    /** Every target of every panel (rows' nested panels too) and every query variable of a Grafana dashboard. */
    static List<Query> dashboard(String file) {
        JsonNode root = read(new ObjectMapper(), DASHBOARDS.resolve(file));
        List<Query> out = new ArrayList<>();
        panels(file, root.path("panels"), out);
        for (JsonNode v : root.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                JsonNode q = v.path("query");
                out.add(new Query(file + " variable $" + v.path("name").asText(),
                        q.isObject() ? q.path("query").asText() : q.asText()));
            }
        }
        return out;
    }

    private static void panels(String file, JsonNode panels, List<Query> out) {
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Query(file + " panel \"" + p.path("title").asText() + "\" " + t.path("refId").asText(),
                        t.path("expr").asText()));
            }
            panels(file, p.path("panels"), out);
        }
    }

    /** The {@code expr} of every rule of the groups of {@code alerts.yml} whose name passes {@code groups}. */
    static List<Query> alerts(Predicate<String> groups) {
        JsonNode root = read(new YAMLMapper(), ALERTS);
        List<Query> out = new ArrayList<>();
        for (JsonNode g : root.path("groups")) {
            String group = g.path("name").asText();
            if (!groups.test(group)) {
                continue;
            }
            for (JsonNode r : g.path("rules")) {
                String name = r.has("alert") ? r.path("alert").asText() : r.path("record").asText();
                out.add(new Query("alerts.yml " + group + "/" + name, r.path("expr").asText()));
            }
        }
        return out;
    }

    /**
     * Each query's metric names that {@code exported} lacks, as {@code where: name}; a query that names no metric at
     * all is reported too (the check would pass on it without checking anything).
     */
    static List<String> unexported(List<Query> queries, Set<String> exported) {
        List<String> out = new ArrayList<>();
        for (Query q : queries) {
            Set<String> names = q.metricNames();
            if (names.isEmpty()) {
                out.add(q.where() + ": names no metric: " + q.expr());
            }
            names.stream().filter(n -> !exported.contains(n)).forEach(n -> out.add(q.where() + ": " + n));
        }
        return out;
    }

    /** The series names of a Prometheus text exposition (sample lines: the name before its labels or value). */
    static Set<String> seriesNames(String exposition) {
        Set<String> out = new java.util.TreeSet<>();
        exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            int end = 0;
            while (end < l.length() && l.charAt(end) != '{' && l.charAt(end) != ' ') {
                end++;
            }
            out.add(l.substring(0, end));
        });
        return out;
    }

    /** The dashboard files, for checking that each is covered by a test. */
    static List<String> dashboardFiles() {
        try (var files = Files.list(DASHBOARDS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
