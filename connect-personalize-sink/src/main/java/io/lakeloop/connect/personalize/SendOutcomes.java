package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.client.Batch;
import io.lakeloop.connect.personalize.client.Entry;
import io.lakeloop.connect.personalize.client.SendListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects what the sender threads report, for the task thread: accepted entries complete their records at once;
 * service rejections queue up for the dead-letter queue (whose reporter only the task thread may call); the first
 * failure is kept and fails the task on its next {@code put}.
 */
final class SendOutcomes implements SendListener {

    record Rejected(Entry entry, String reason, String safeReason) {
    }

    private final ConcurrentLinkedQueue<Rejected> rejected = new ConcurrentLinkedQueue<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Object signal = new Object();

    @Override
    public void accepted(Batch batch) {
        for (Entry e : batch.entries()) {
            if (e.origin() != null) {
                e.origin().complete(1);
            }
        }
    }

    @Override
    public void rejected(Entry entry, String reason, String safeReason) {
        rejected.add(new Rejected(entry, reason, safeReason));
    }

    @Override
    public void failed(RuntimeException error) {
        failure.compareAndSet(null, error);
    }

    RuntimeException failure() {
        return failure.get();
    }

    Rejected pollRejected() {
        return rejected.poll();
    }
}
