package io.lakeloop.connect.personalize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class CredentialsGuardTest {

    @Test
    void turnsWhateverTheProviderThrowsIntoCredentialsUnavailableAndPassesCredentialsThrough() {
        AtomicInteger calls = new AtomicInteger();
        AwsCredentialsProvider flaky = () -> {
            if (calls.incrementAndGet() <= 2) {
                throw SdkClientException.create("Failed to load credentials from metadata service.");
            }
            return AwsBasicCredentials.create("AKID", "SECRET");
        };
        AwsCredentialsProvider guarded = CredentialsGuard.of(flaky);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(guarded::resolveCredentials).isInstanceOfSatisfying(
                    CredentialsUnavailableException.class, e -> {
                        assertThat(ErrorClass.of(e)).isEqualTo(ErrorClass.CREDENTIALS);
                        assertThat(e.getCause()).hasMessageContaining("metadata service");
                    });
        }
        assertThat(guarded.resolveCredentials().accessKeyId()).isEqualTo("AKID");
        assertThat(CredentialsGuard.of(guarded)).isSameAs(guarded);
    }

    @Test
    void closesTheProviderItWraps() {
        AtomicBoolean closed = new AtomicBoolean();
        class Closeable implements AwsCredentialsProvider, SdkAutoCloseable {
            @Override
            public AwsCredentials resolveCredentials() {
                return AwsBasicCredentials.create("AKID", "SECRET");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }

        ((SdkAutoCloseable) CredentialsGuard.of(new Closeable())).close();

        assertThat(closed).isTrue();
    }
}
