package io.lakeloop.connect.personalize.client;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Wraps the task's credentials provider so that any failure to resolve credentials reaches {@link ErrorClass} as a
 * {@link CredentialsUnavailableException}, whatever shape the provider gave it. Without it, a throttled refresh
 * behind the default chain arrives as a bare {@code SdkClientException} ("Unable to load credentials ...",
 * "Failed to load credentials from metadata service") that looks like a bug and failed the task at once, while the
 * S3 sink rode out the same failure.
 */
public final class CredentialsGuard implements AwsCredentialsProvider, SdkAutoCloseable {

    private final AwsCredentialsProvider delegate;

    private CredentialsGuard(AwsCredentialsProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    public static AwsCredentialsProvider of(AwsCredentialsProvider delegate) {
        return delegate instanceof CredentialsGuard ? delegate : new CredentialsGuard(delegate);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (CredentialsUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CredentialsUnavailableException(e);
        }
    }

    @Override
    public void close() {
        if (delegate instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // best effort: the provider's own client (STS) has nothing left to flush
            }
        }
    }

    @Override
    public String toString() {
        return "CredentialsGuard(" + delegate + ")";
    }
}
