package io.lakeloop.emulator;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event trackers and datasets the emulator knows. While no tracking id (or no dataset ARN) is registered, any
 * well-formed one is accepted; once some are, others get 404 {@code ResourceNotFoundException} — also for PutEvents,
 * whose model lists only InvalidInputException but which the real service answers so for an unknown tracking id.
 * A resource marked in use gets 409 {@code ResourceInUseException} (as a dataset being imported into does).
 */
public final class Resources {

    private final Set<String> trackingIds = ConcurrentHashMap.newKeySet();
    private final Set<String> datasetArns = ConcurrentHashMap.newKeySet();
    private final Set<String> inUse = ConcurrentHashMap.newKeySet();

    public void registerTrackingId(String trackingId) {
        trackingIds.add(Objects.requireNonNull(trackingId, "trackingId"));
    }

    public void registerDatasetArn(String datasetArn) {
        datasetArns.add(Objects.requireNonNull(datasetArn, "datasetArn"));
    }

    /** From now on calls to this tracking id or dataset ARN get 409 ResourceInUseException. */
    public void markInUse(String resource) {
        inUse.add(Objects.requireNonNull(resource, "resource"));
    }

    public void release(String resource) {
        inUse.remove(resource);
    }

    /** Forgets every registration: any well-formed tracking id and dataset ARN is accepted again. */
    public void clear() {
        trackingIds.clear();
        datasetArns.clear();
        inUse.clear();
    }

    public Set<String> trackingIds() {
        return Set.copyOf(new TreeSet<>(trackingIds));
    }

    public Set<String> datasetArns() {
        return Set.copyOf(new TreeSet<>(datasetArns));
    }

    public Set<String> inUse() {
        return Set.copyOf(new TreeSet<>(inUse));
    }

    void check(Operation operation, String resource) {
        if (operation.addressesDataset()) {
            if (!datasetArns.isEmpty() && !datasetArns.contains(resource)) {
                throw ApiException.notFound("Could not find resource: " + resource);
            }
        } else if (!trackingIds.isEmpty() && !trackingIds.contains(resource)) {
            throw ApiException.notFound("Could not find an event tracker with tracking id " + resource);
        }
        if (inUse.contains(resource)) {
            throw ApiException.inUse("Resource is in use: " + resource);
        }
    }
}
