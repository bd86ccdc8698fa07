package io.lakeloop.connect.personalize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.aws.AwsSettings;
import io.lakeloop.aws.CredentialsMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Issue 15: the keys of aws/personalize-kafka-connector, read as this connector's. */
class LegacyKeysTest {

    /** The README's quickstart of aws/personalize-kafka-connector, with assume-role and a per-task rate. */
    private static Map<String, String> theirs() {
        Map<String, String> c = new HashMap<>();
        c.put("tasks.max", "4");
        c.put("aws.region.name", "eu-west-1");
        c.put("amazon.personalize.data.type", "events");
        c.put("amazon.personalize.event.tracking.id", "tracker-1");
        c.put("amazon.personalize.credentials.provider.class", "com.aws.auth.AssumeRoleCredentialsProvider");
        c.put("amazon.personalize.sts.role.arn", "arn:aws:iam::123456789012:role/personalize");
        c.put("amazon.personalize.sts.role.external.id", "ext");
        c.put("amazon.personalize.sts.role.session.name", "kafka");
        c.put("record.rate.limit", "250");
        c.put("max.retries", "2");
        return c;
    }

    @Test
    void readsEveryLegacyKeyAsItsReplacementAndTurnsThePerTaskRateIntoAConnectorRate() {
        PersonalizeSinkConfig config = new PersonalizeSinkConfig(theirs());

        assertThat(config.dataType()).isEqualTo(DataType.EVENTS);
        assertThat(config.trackingId()).isEqualTo("tracker-1");
        assertThat(config.connectorRateLimit()).as("250 requests/s per task x tasks.max 4").isEqualTo(1000.0);
        AwsSettings aws = config.awsSettings();
        assertThat(aws.region()).isEqualTo("eu-west-1");
        assertThat(aws.credentialsMode()).isEqualTo(CredentialsMode.DEFAULT);
        assertThat(aws.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/personalize");
        assertThat(aws.externalId()).isEqualTo("ext");
        assertThat(aws.roleSessionName()).isEqualTo("kafka");
        assertThat(LegacyKeys.translate(theirs())).doesNotContainKeys("max.retries", "record.rate.limit",
                "aws.region.name");
    }

    @Test
    void staticKeysMakeStaticCredentialsAsTheOldConnectorDid() {
        Map<String, String> c = new HashMap<>();
        c.put("amazon.personalize.data.type", "items");
        c.put("amazon.personalize.dataset.arn", "arn:aws:personalize:eu-west-1:123456789012:dataset/shop/ITEMS");
        c.put("aws.access.key", "AKID");
        c.put("aws.secret.key", "secret");

        AwsSettings aws = new PersonalizeSinkConfig(c).awsSettings();

        assertThat(aws.credentialsMode()).isEqualTo(CredentialsMode.STATIC);
        assertThat(aws.accessKeyId()).isEqualTo("AKID");
        assertThat(aws.secretAccessKey()).isEqualTo("secret");
    }

    @Test
    void aLegacyKeyAndItsReplacementMustAgree() {
        Map<String, String> both = theirs();
        both.put("personalize.tracking.id", "tracker-2");
        Map<String, String> same = theirs();
        same.put("personalize.tracking.id", "tracker-1");

        assertThatThrownBy(() -> new PersonalizeSinkConfig(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("amazon.personalize.event.tracking.id")
                .hasMessageContaining("personalize.tracking.id");
        assertThat(new PersonalizeSinkConfig(same).trackingId()).isEqualTo("tracker-1");
    }

    @Test
    void refusesACredentialsProviderClassItCannotStandInFor() {
        Map<String, String> c = theirs();
        c.put("amazon.personalize.credentials.provider.class", "com.example.MyProvider");

        assertThatThrownBy(() -> new PersonalizeSinkConfig(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("com.example.MyProvider").hasMessageContaining("aws.credentials.provider");
    }

    @Test
    void aConfigWithoutLegacyKeysIsLeftAsItIs() {
        Map<String, String> ours = Map.of("personalize.tracking.id", "t");
        assertThat(LegacyKeys.translate(ours)).isSameAs(ours);
    }
}
