package io.lakeloop.export.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rejected rows counted by reason, with the first few of each as samples that locate the row (object and row
 * number) without copying any of its values. Not thread-safe: one per part while reading, merged in part order.
 */
public final class Rejections {

    public static final int MAX_SAMPLES = 10;

    /**
     * Where a rejected row was: the part's name and its record number in the part (the header is record 1), and
     * what exactly was wrong when the reason alone does not say it (never a value of the row).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String object, long row, String detail) {
        public Sample(String object, long row) {
            this(object, row, null);
        }
    }

    /** How many rows one reason rejected, and the first of them. */
    public record Entry(long count, List<Sample> samples) {
    }

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, List<Sample>> samples = new TreeMap<>();
    private long total;

    public void add(String reason, String object, long row) {
        add(reason, object, row, null);
    }

    /** @param detail what was wrong beyond the reason, safe to show (no value of the row), or null */
    public void add(String reason, String object, long row, String detail) {
        counts.merge(reason, 1L, Long::sum);
        List<Sample> list = samples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < MAX_SAMPLES) {
            list.add(new Sample(object, row, detail));
        }
        total++;
    }

    public void addAll(Rejections other) {
        for (Map.Entry<String, Long> e : other.counts.entrySet()) {
            counts.merge(e.getKey(), e.getValue(), Long::sum);
            List<Sample> list = samples.computeIfAbsent(e.getKey(), r -> new ArrayList<>());
            for (Sample s : other.samples.getOrDefault(e.getKey(), List.of())) {
                if (list.size() < MAX_SAMPLES) {
                    list.add(s);
                }
            }
        }
        total += other.total;
    }

    public long total() {
        return total;
    }

    public Map<String, Entry> byReason() {
        Map<String, Entry> out = new TreeMap<>();
        counts.forEach((reason, count) -> out.put(reason, new Entry(count, List.copyOf(samples.get(reason)))));
        return out;
    }
}
