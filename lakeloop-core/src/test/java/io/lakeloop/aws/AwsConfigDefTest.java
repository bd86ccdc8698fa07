package io.lakeloop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsConfigDefTest {

    private static final ConfigDef DEF = AwsConfigDef.define(new ConfigDef());

    private static AwsSettings settings(Map<String, String> props) {
        return AwsConfigDef.settings(new AbstractConfig(DEF, props));
    }

    @Test
    void everyKeyHasADocAGroupAndADisplayName() {
        assertThat(DEF.configKeys().keySet()).containsExactlyInAnyOrderElementsOf(AwsConfigDef.keys());
        DEF.configKeys().values().forEach(k -> {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.group).as(k.name).isEqualTo(AwsConfigDef.GROUP);
            assertThat(k.displayName).as(k.name).isNotBlank();
        });
        assertThat(DEF.configKeys().get(AwsConfigDef.SECRET_KEY_CONFIG).type).isEqualTo(ConfigDef.Type.PASSWORD);
    }

    @Test
    void defaultsUseTheDefaultChain() {
        AwsSettings s = settings(Map.of());
        assertThat(s.credentialsMode()).isEqualTo(CredentialsMode.DEFAULT);
        assertThat(s.region()).isNull();
        assertThat(s.endpoint()).isNull();
        assertThat(s.assumesRole()).isFalse();
        assertThat(s.readTimeout()).isEqualTo(AwsSettings.DEFAULT_READ_TIMEOUT);
    }

    @Test
    void staticKeysEndpointAndTimeouts() {
        Map<String, String> p = new HashMap<>();
        p.put(AwsConfigDef.CREDENTIALS_CONFIG, "STATIC");
        p.put(AwsConfigDef.ACCESS_KEY_CONFIG, "AKIAEXAMPLE");
        p.put(AwsConfigDef.SECRET_KEY_CONFIG, "very-secret");
        p.put(AwsConfigDef.SESSION_TOKEN_CONFIG, "token-1");
        p.put(AwsConfigDef.REGION_CONFIG, "eu-west-1");
        p.put(AwsConfigDef.ENDPOINT_CONFIG, "http://127.0.0.1:8089");
        p.put(AwsConfigDef.READ_TIMEOUT_CONFIG, "1500");
        AwsSettings s = settings(p);
        assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.toString()).doesNotContain("very-secret", "token-1", "AKIAEXAMPLE").contains("AKIA****");
        AwsCredentials creds = AwsClients.credentialsProvider(s).resolveCredentials();
        assertThat(creds).isInstanceOf(AwsSessionCredentials.class);
        assertThat(creds.accessKeyId()).isEqualTo("AKIAEXAMPLE");
        assertThat(AwsClients.credentialsProvider(s)).isInstanceOf(StaticCredentialsProvider.class);
    }

    @Test
    void crossKeyRulesNameTheKey() {
        assertThatThrownBy(() -> settings(Map.of(AwsConfigDef.CREDENTIALS_CONFIG, "static")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AwsConfigDef.ACCESS_KEY_CONFIG);
        assertThatThrownBy(() -> settings(Map.of(AwsConfigDef.CREDENTIALS_CONFIG, "static", AwsConfigDef.ACCESS_KEY_CONFIG, "a")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AwsConfigDef.SECRET_KEY_CONFIG);
        assertThatThrownBy(() -> settings(Map.of(AwsConfigDef.CREDENTIALS_CONFIG, "profile")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AwsConfigDef.PROFILE_CONFIG);
        assertThatThrownBy(() -> settings(Map.of(AwsConfigDef.EXTERNAL_ID_CONFIG, "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AwsConfigDef.ROLE_ARN_CONFIG);
        assertThatThrownBy(() -> settings(Map.of(AwsConfigDef.ENDPOINT_CONFIG, "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AwsConfigDef.ENDPOINT_CONFIG);
        assertThatThrownBy(() -> settings(Map.of(AwsConfigDef.CREDENTIALS_CONFIG, "instance")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AwsConfigDef.CREDENTIALS_CONFIG);
    }

    @Test
    void assumeRoleWithExternalId() {
        AwsSettings s = settings(Map.of(AwsConfigDef.ROLE_ARN_CONFIG, "arn:aws:iam::1:role/lakeloop",
                AwsConfigDef.EXTERNAL_ID_CONFIG, "ext-123", AwsConfigDef.REGION_CONFIG, "us-east-1"));
        assertThat(s.assumesRole()).isTrue();
        assertThat(s.externalId()).isEqualTo("ext-123");
        assertThat(s.roleSessionName()).isEqualTo("lakeloop");
        assertThat(s.toString()).doesNotContain("ext-123");
        assertThat(AwsClients.credentialsProvider(s).getClass().getSimpleName()).isEqualTo("StsAssumeRoleCredentialsProvider");
    }

    @Test
    void environmentSettingsPreferTheServiceSpecificEndpoint() {
        AwsSettings s = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "ap-southeast-1",
                "AWS_ENDPOINT_URL", "http://a:1", "AWS_ENDPOINT_URL_S3", "http://b:2"), "S3");
        assertThat(s.region()).isEqualTo("ap-southeast-1");
        assertThat(s.endpoint()).isEqualTo(URI.create("http://b:2"));
        assertThat(AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://a:1"), "S3").endpoint())
                .isEqualTo(URI.create("http://a:1"));
        assertThat(AwsSettings.fromEnvironment(Map.of(), null).endpoint()).isNull();
    }
}
