package io.lakeloop.cli.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What a run left in the objects under one prefix, read incrementally: only objects that are new or changed since the
 * last look are downloaded and parsed, and only the parsed result is kept (not the text), so watching a long run
 * costs about as much per look as the new objects.
 *
 * @param <T> what is kept of one object (a count of records, the event ids of its rows, …)
 */
public final class ObjectTally<T> {

    private record Parsed<T>(String etag, T value) {
    }

    private final BucketReader reader;
    private final String bucket;
    private final String prefix;
    private final Function<String, T> parser;
    private final Map<String, Parsed<T>> objects = new HashMap<>();

    public ObjectTally(BucketReader reader, String bucket, String prefix, Function<String, T> parser) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** Lists the prefix and parses what is new or changed. */
    public void refresh() {
        refresh((key, value) -> { });
    }

    /** As {@link #refresh()}, handing each object parsed this time to {@code parsed}. */
    public void refresh(BiConsumer<String, T> parsed) {
        Map<String, String> listing = reader.list(bucket, prefix);
        objects.keySet().retainAll(listing.keySet());
        listing.forEach((key, etag) -> {
            Parsed<T> known = objects.get(key);
            if (known == null || !known.etag().equals(etag)) {
                String text = reader.read(bucket, key);
                if (text != null) {
                    T value = parser.apply(text);
                    objects.put(key, new Parsed<>(etag, value));
                    parsed.accept(key, value);
                }
            }
        });
    }

    /** Key → what was kept of it. */
    public Map<String, T> byKey() {
        Map<String, T> out = new HashMap<>();
        objects.forEach((key, parsed) -> out.put(key, parsed.value()));
        return out;
    }

    public List<T> values() {
        return objects.values().stream().map(Parsed::value).toList();
    }

    public String bucket() {
        return bucket;
    }
}
