package io.lakeloop.connect.s3.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An object store in memory for unit tests of the writer's logic, with S3's visibility rules (a multipart object
 * appears only on completion) and failure injection by operation name.
 */
public final class InMemoryObjectStore implements ObjectStore {

    public record Stored(byte[] bytes, Map<String, String> metadata) {
    }

    private final Map<String, Stored> objects = new TreeMap<>();
    private final Map<String, Map<Integer, byte[]>> uploads = new HashMap<>();
    private final Map<String, Map<String, String>> uploadMeta = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> calls = new ArrayList<>();
    private Predicate<String> failing = op -> false;
    private boolean failFatally;

    /** Every call whose operation name matches fails transiently (like a 503) until cleared. */
    public synchronized void failWhen(Predicate<String> operations) {
        this.failing = operations;
        this.failFatally = false;
    }

    public synchronized void failFatallyWhen(Predicate<String> operations) {
        this.failing = operations;
        this.failFatally = true;
    }

    public synchronized void heal() {
        this.failing = op -> false;
    }

    private void enter(String op, String key) {
        calls.add(op + " " + key);
        if (failing.test(op)) {
            throw new StoreException(op + " " + key + " failed: injected", !failFatally, null);
        }
    }

    @Override
    public synchronized void checkBucket() {
        enter("HeadBucket", "");
    }

    @Override
    public synchronized void put(String key, ByteChunks body, Map<String, String> metadata, String contentType) {
        enter("PutObject", key);
        objects.put(key, new Stored(body.toByteArray(), Map.copyOf(metadata)));
    }

    @Override
    public synchronized String createMultipart(String key, Map<String, String> metadata, String contentType) {
        enter("CreateMultipartUpload", key);
        String id = "upload-" + ids.incrementAndGet();
        uploads.put(id, new TreeMap<>());
        uploadMeta.put(id, Map.copyOf(metadata));
        return id;
    }

    @Override
    public synchronized Part uploadPart(String key, String uploadId, int partNumber, ByteChunks body) {
        enter("UploadPart", key);
        uploads.get(uploadId).put(partNumber, body.toByteArray());
        return new Part(partNumber, "etag-" + partNumber);
    }

    @Override
    public synchronized void completeMultipart(String key, String uploadId, List<Part> parts) {
        enter("CompleteMultipartUpload", key);
        Map<Integer, byte[]> p = uploads.remove(uploadId);
        if (p == null) {
            throw new StoreException("no such upload " + uploadId, false, null);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(p.get(part.number()));
        }
        objects.put(key, new Stored(out.toByteArray(), uploadMeta.remove(uploadId)));
    }

    @Override
    public synchronized void abortMultipart(String key, String uploadId) {
        enter("AbortMultipartUpload", key);
        uploads.remove(uploadId);
        uploadMeta.remove(uploadId);
    }

    @Override
    public synchronized Optional<Map<String, String>> head(String key) {
        enter("HeadObject", key);
        Stored s = objects.get(key);
        return s == null ? Optional.empty() : Optional.of(s.metadata());
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        enter("GetObject", key);
        Stored s = objects.get(key);
        return s == null ? Optional.empty() : Optional.of(s.bytes().clone());
    }

    @Override
    public String bucket() {
        return "test-bucket";
    }

    @Override
    public void close() {
    }

    public synchronized Map<String, Stored> objects() {
        return new TreeMap<>(objects);
    }

    public synchronized int openUploads() {
        return uploads.size();
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
