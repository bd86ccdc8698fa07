package io.lakeloop.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Manifests read into the Kubernetes API's Java model (fabric8) and Strimzi's: a wrong type fails to bind, and a
 * field the API does not have, which both models would keep aside in {@code additionalProperties}, is reported with
 * its path. That is what the API server's schema validation would reject.
 */
final class StrictModel {

    static final Map<String, Class<?>> KINDS = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "kafka.strimzi.io/v1beta2/KafkaConnect", KafkaConnect.class,
            "kafka.strimzi.io/v1beta2/KafkaConnector", KafkaConnector.class);

    private StrictModel() {
    }

    /** The document as its typed resource; throws naming the problems when it is not one. */
    static Object bind(JsonNode document, String source) {
        String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError(source + ": no model for " + kind + " (known: " + KINDS.keySet() + ")");
        }
        Object resource;
        try {
            resource = Repo.YAML.treeToValue(document, type);
        } catch (Exception e) {
            throw new AssertionError(source + ": not a valid " + kind + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(resource, kind, unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(source + ": fields the API does not define: " + unknown);
        }
        return resource;
    }

    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        BeanDescription bean = Repo.YAML.getSerializationConfig().introspect(Repo.YAML.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            Object child = accessor.getValue(value);
            if (property.getName().equals("additionalProperties") || accessor.hasAnnotation(
                    com.fasterxml.jackson.annotation.JsonAnyGetter.class)) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            unknownFields(child, path + "." + property.getName(), unknown);
        }
        // both models keep unknown fields in a map behind @JsonAnyGetter getAdditionalProperties()
        try {
            Object extra = value.getClass().getMethod("getAdditionalProperties").invoke(value);
            if (extra instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> unknown.add(path + "." + k));
            }
        } catch (NoSuchMethodException e) {
            // a type without a place for unknown fields: Jackson rejects them while binding
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
