package io.lakeloop.cli;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 client for the local stack's endpoint (path-style, the local keys). */
final class LocalS3 {

    private LocalS3() {
    }

    static S3Client client(StackSettings settings) {
        return S3Client.builder()
                .endpointOverride(URI.create(settings.s3Endpoint()))
                .region(Region.of(settings.s3().region()))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.s3().accessKey(), settings.s3().secretKey())))
                .build();
    }
}
