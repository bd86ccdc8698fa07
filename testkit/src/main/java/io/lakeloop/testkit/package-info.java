/**
 * Test-only JUnit 5 extensions for Lakeloop's integration tests, each started in one line on ephemeral ports:
 * <ul>
 *   <li>{@link io.lakeloop.testkit.KafkaBrokerExtension}: a real KRaft broker (Kafka 4.x);</li>
 *   <li>{@link io.lakeloop.testkit.ConnectClusterExtension}: real Connect workers with their own broker
 *       (Kafka 3.7 and 4.x);</li>
 *   <li>{@link io.lakeloop.testkit.S3ProxyExtension}: an S3 endpoint (s3proxy) with stop/restart for outages;</li>
 *   <li>{@code EmulatorExtension}: the local Personalize endpoint. <b>Not here yet</b>: it wraps
 *       {@code io.lakeloop.emulator} from the {@code personalize-emulator} module and is added by the lead once that
 *       module exists (dependency slot marked in testkit/pom.xml). Model it on the others: extend
 *       {@link io.lakeloop.testkit.ClassScopedExtension}, a static {@code create()}, {@code with...} settings,
 *       accessors that call {@code requireRunning()}.</li>
 * </ul>
 * All of them extend {@link io.lakeloop.testkit.ClassScopedExtension}: register them on {@code static} fields.
 */
package io.lakeloop.testkit;
