package io.lakeloop.export;

import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The exporter's AWS clients: core's shared settings (whose HTTP client makes the URL-connection client's wrapped
 * I/O errors retryable), and path-style addressing whenever an endpoint is set.
 *
 * <p>Chunked ({@code aws-chunked}) request bodies are off: every body the exporter sends is already in memory (a
 * multipart part, the report), so the SDK hashes and checksums it up front and sends it in one piece. The streaming
 * signer would sign it in 128 KiB chunks instead, which cost 1.3 s of CPU per 450 MB uploaded in the benchmark
 * (BENCHMARKS.md) for no gain in integrity: the payload is still signed, and its checksum still sent.
 */
final class S3Clients {

    /** The region S3-compatible stores (s3proxy, MinIO) accept when none is configured. */
    static final String FALLBACK_REGION = "us-east-1";

    private S3Clients() {
    }

    /**
     * Starts building the S3 client a request needs on a thread of its own, or completes at once with the caller's
     * client (or none when neither end is on S3). The SDK's start-up (≈ 0.4 s of class loading and configuration)
     * then overlaps the rest of the exporter's set-up. This class logs nothing, so calling it first does not
     * initialise logging on the caller's thread.
     */
    static CompletableFuture<S3Client> start(ExportRequest request) {
        boolean needsS3 = request.source().isS3() || request.output().isS3();
        if (request.s3() != null || !needsS3) {
            return CompletableFuture.completedFuture(request.s3());
        }
        return Background.start("csv-exporter-s3-client", () -> create(request.aws()));
    }

    /** The started client; its construction's own exception as it was thrown. */
    static S3Client await(CompletableFuture<S3Client> client) {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    static S3Client create(AwsSettings settings) {
        AwsSettings s = settings;
        if (s.region() == null && !regionConfigured()) {
            s = s.withRegion(FALLBACK_REGION);
        }
        return AwsClients.configure(S3Client.builder(), s).forcePathStyle(s.endpoint() != null)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .build();
    }

    private static boolean regionConfigured() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion() != null;
        } catch (SdkClientException e) {
            return false;
        }
    }
}
