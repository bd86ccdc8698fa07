package io.lakeloop.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Hands the SDK's retry policy the I/O errors that {@code UrlConnectionHttpClient} (SDK 2.40) wraps in an
 * {@link UncheckedIOException}: unwrapped, they are retried like any {@link IOException}; wrapped, they escape
 * the SDK unretried (aws-sdk-java-v2 PR #7347). Seen here as "Unexpected end of file from server" on the first
 * PUT after an S3 endpoint restarted, from a keep-alive connection to the stopped server. Every client made by
 * {@link AwsClients} goes through it, so a connector's own retry classification sees a plain {@link IOException}.
 */
public final class IoRetryingHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;

    public IoRetryingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return call.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
