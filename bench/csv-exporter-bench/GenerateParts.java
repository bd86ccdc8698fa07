import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes lake parts for the csv-exporter benchmark: gzipped CSV with the lake schema's seven columns, as the S3 sink
 * writes them (header, CRLF, 32-hex event ids). Run with the source launcher, no build needed:
 * {@code java GenerateParts.java <dir> <parts> <rowsPerPart> [threads]}.
 */
public final class GenerateParts {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int parts = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> done = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int part = p;
            done.add(pool.submit(() -> write(dir.resolve(String.format("part-%05d.csv.gz", part)), part, rows)));
        }
        long raw = 0;
        for (Future<Long> f : done) {
            raw += f.get();
        }
        pool.shutdown();
        long gz = 0;
        try (var s = Files.list(dir)) {
            for (Path f : s.toList()) {
                gz += Files.size(f);
            }
        }
        System.out.printf("%d parts, %d rows, %,d bytes of CSV, %,d bytes gzipped%n", parts, (long) parts * rows, raw, gz);
    }

    private static long write(Path file, int part, int rows) throws IOException {
        SplittableRandom r = new SplittableRandom(part * 7919L + 1);
        String[] types = {"click", "view", "view", "view", "purchase"};
        long size = 0;
        StringBuilder sb = new StringBuilder(256);
        try (OutputStream os = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
            byte[] h = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,SESSION_ID,EVENT_ID\r\n".getBytes(StandardCharsets.US_ASCII);
            os.write(h);
            size += h.length;
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                int user = r.nextInt(2_000_000);
                String type = types[r.nextInt(types.length)];
                sb.append("user-").append(user).append(",item-").append(r.nextInt(100_000)).append(',')
                        .append(1_700_000_000L + r.nextInt(30 * 86400)).append(',').append(type).append(',');
                if (type.equals("purchase")) {
                    sb.append(r.nextInt(10_000) / 100.0);
                }
                sb.append(",sess-").append(user).append('-').append(r.nextInt(50)).append(',');
                sb.append(Long.toHexString(r.nextLong() | Long.MIN_VALUE)).append(Long.toHexString(r.nextLong() | Long.MIN_VALUE));
                sb.append("\r\n");
                byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
                os.write(b);
                size += b.length;
            }
        }
        return size;
    }
}
