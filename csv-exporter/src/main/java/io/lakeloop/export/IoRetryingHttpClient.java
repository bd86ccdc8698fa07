package io.lakeloop.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Hands the SDK's retry policy the I/O errors that {@code UrlConnectionHttpClient} (SDK 2.40) throws wrapped in an
 * {@link UncheckedIOException}: unwrapped they are retried like any {@link IOException}; wrapped they escape the SDK
 * unretried (aws-sdk-java-v2 PR #7347). Seen as "Unexpected end of file from server" when a kept-alive connection
 * was closed by the server between two requests — routine over a long export of many parts.
 */
final class IoRetryingHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;

    IoRetryingHttpClient(SdkHttpClient delegate) {
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
