package io.lakeloop.export.report;

/**
 * What the in-order consumer learns while writing: rows, distinct users and items, users with two or more
 * interactions, the time range. Single-threaded (the consumer's). Heap is bounded by {@code exactLimit}:
 * at most three tables of 16 bytes × {@code exactLimit} (12 MiB at the default).
 */
public final class ExportStats {

    public static final int DEFAULT_EXACT_LIMIT = 1 << 18;

    private final DistinctCounter users;
    private final DistinctCounter items;
    private final LongHashSet repeatUsers;
    private boolean repeatUsersExact = true;
    private final Rejections rejections = new Rejections();
    private long rowsIn;
    private long rowsOut;
    private long duplicates;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;

    public ExportStats(int exactLimit) {
        this.users = new DistinctCounter(exactLimit);
        this.items = new DistinctCounter(exactLimit);
        this.repeatUsers = new LongHashSet(exactLimit);
    }

    /** One written row. */
    public void row(long userHash, long itemHash, long epochSeconds) {
        rowsOut++;
        DistinctCounter.Seen seen = users.add(userHash);
        if (seen == DistinctCounter.Seen.AGAIN) {
            if (!repeatUsers.contains(userHash)) {
                if (repeatUsers.isFull()) {
                    repeatUsersExact = false;
                } else {
                    repeatUsers.add(userHash);
                }
            }
        } else if (seen == DistinctCounter.Seen.UNKNOWN) {
            repeatUsersExact = false;
        }
        items.add(itemHash);
        minTs = Math.min(minTs, epochSeconds);
        maxTs = Math.max(maxTs, epochSeconds);
    }

    public void duplicate() {
        duplicates++;
    }

    public void part(long partRowsIn, Rejections partRejections) {
        rowsIn += partRowsIn;
        rejections.addAll(partRejections);
    }

    public long rowsIn() {
        return rowsIn;
    }

    public long rowsOut() {
        return rowsOut;
    }

    public long duplicates() {
        return duplicates;
    }

    public Rejections rejections() {
        return rejections;
    }

    public ValidationReport.Count distinctUsers() {
        return new ValidationReport.Count(users.count(), users.isExact());
    }

    public ValidationReport.Count distinctItems() {
        return new ValidationReport.Count(items.count(), items.isExact());
    }

    /** Exact while every user fitted the exact set; otherwise a lower bound. */
    public ValidationReport.Count usersWithTwoOrMore() {
        return new ValidationReport.Count(repeatUsers.size(), repeatUsersExact);
    }

    public ValidationReport.TimeRange timeRange() {
        return rowsOut == 0 ? new ValidationReport.TimeRange(null, null, null, null)
                : ValidationReport.TimeRange.of(minTs, maxTs);
    }
}
