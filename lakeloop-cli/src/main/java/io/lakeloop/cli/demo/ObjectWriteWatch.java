package io.lakeloop.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sees every object the sinks write into the local S3 store, by watching s3proxy's folders (inotify): s3proxy writes an
 * object to a temporary file and renames it into place, so each completed PUT or multipart upload is one new file
 * under the object's key. A key written more than once is an object written twice, which the exactly-once sink must
 * never do, even across crashes (retrying a call that S3 had already completed would). The rename time (the file's
 * ctime) is also when the object became visible: the end of its records' produce-to-lake latency.
 */
public final class ObjectWriteWatch implements AutoCloseable {

    /** s3proxy's temporary files: the final name plus a random UUID. */
    private static final Pattern TEMPORARY = Pattern.compile(
            ".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One appearance of a key: when, and which file (inode and ctime) it was. */
    public record Write(long visibleAtMs, String file, boolean beforeWatch) {
    }

    private final Map<Path, String> buckets;
    private final BiPredicate<String, String> dataKey;
    private final WatchService watcher;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Map<String, List<Write>> writes = new LinkedHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean overflowed;
    private final Thread thread;

    /**
     * @param buckets  bucket folder of the filesystem store → bucket name
     * @param dataKey  (bucket, key) → whether the key holds data (not the sinks' state objects)
     */
    public ObjectWriteWatch(Map<Path, String> buckets, BiPredicate<String, String> dataKey) {
        this.buckets = Map.copyOf(buckets);
        this.dataKey = Objects.requireNonNull(dataKey, "dataKey");
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            for (Path root : buckets.keySet()) {
                Files.createDirectories(root);
                register(root, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch the S3 folders " + buckets.keySet(), e);
        }
        thread = new Thread(this::run, "lakeloop-s3-write-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir;
                synchronized (dirs) {
                    dir = dirs.get(key);
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        overflowed = true;
                    } else if (dir != null) {
                        created(dir.resolve((Path) event.context()));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void created(Path path) {
        String name = path.getFileName().toString();
        if (name.startsWith(".") || TEMPORARY.matcher(name).matches()) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            register(path, false);
        } else {
            note(path, false);
        }
    }

    /** Watches {@code dir} and everything below it; files already there count as written once (now or before). */
    private void register(Path dir, boolean beforeWatch) {
        try {
            WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            synchronized (dirs) {
                dirs.put(key, dir);
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    String name = child.getFileName().toString();
                    if (name.startsWith(".") || TEMPORARY.matcher(name).matches()) {
                        continue;
                    }
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        register(child, beforeWatch);
                    } else {
                        note(child, beforeWatch);
                    }
                }
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile (an aborted upload's folder)
        } catch (IOException e) {
            unreadable.incrementAndGet();
        }
    }

    private void note(Path file, boolean beforeWatch) {
        String bucketKey = bucketKey(file);
        if (bucketKey == null) {
            return;
        }
        String identity;
        long visibleAt;
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
            FileTime ctime = (FileTime) attributes.get("ctime");
            visibleAt = ctime.toMillis();
            identity = attributes.get("ino") + "@" + ctime.toInstant();
        } catch (NoSuchFileException replaced) {
            // already replaced by a newer write, whose own event follows: this one still happened
            visibleAt = System.currentTimeMillis();
            identity = "replaced@" + System.nanoTime();
        } catch (IOException e) {
            unreadable.incrementAndGet();
            return;
        }
        synchronized (writes) {
            List<Write> seen = writes.computeIfAbsent(bucketKey, k -> new ArrayList<>(1));
            String current = identity;
            // a file found by scanning a new folder may also arrive as an event: the same file counts once
            if (seen.stream().noneMatch(w -> w.file().equals(current))) {
                seen.add(new Write(visibleAt, identity, beforeWatch));
            }
        }
    }

    private String bucketKey(Path file) {
        for (Map.Entry<Path, String> bucket : buckets.entrySet()) {
            if (file.startsWith(bucket.getKey())) {
                String key = bucket.getKey().relativize(file).toString().replace('\\', '/');
                return dataKey.test(bucket.getValue(), key) ? bucket.getValue() + "/" + key : null;
            }
        }
        return null;
    }

    /** When the object became visible (its first write), if it was seen. */
    public OptionalLong visibleAt(String bucket, String key) {
        synchronized (writes) {
            List<Write> seen = writes.get(bucket + "/" + key);
            return seen == null || seen.isEmpty() ? OptionalLong.empty() : OptionalLong.of(seen.get(0).visibleAtMs());
        }
    }

    /** Every data object written more than once ({@code bucket/key} → its writes), oldest first. */
    public Map<String, List<Write>> writtenTwice() {
        Map<String, List<Write>> twice = new LinkedHashMap<>();
        synchronized (writes) {
            writes.forEach((key, seen) -> {
                if (seen.size() > 1) {
                    twice.put(key, List.copyOf(seen));
                }
            });
        }
        return twice;
    }

    /** Data objects written since the watch started. */
    public long objectsWritten() {
        synchronized (writes) {
            return writes.values().stream().flatMap(List::stream).filter(w -> !w.beforeWatch()).count();
        }
    }

    /** False when the kernel dropped events (its queue overflowed) or a folder could not be read: counts are then low. */
    public boolean complete() {
        return !overflowed && unreadable.get() == 0;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread.interrupt();
    }
}
