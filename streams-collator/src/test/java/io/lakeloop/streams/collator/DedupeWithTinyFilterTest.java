package io.lakeloop.streams.collator;

import java.util.Map;

/** {@link DedupeTest}'s cases with the smallest filters there are: one 64-byte block per task and bucket. */
class DedupeWithTinyFilterTest extends DedupeTest {

    @Override
    Map<String, Object> overrides() {
        return Map.of(CollatorConfig.DEDUPE_FILTER_MEMORY_CONFIG, 1L);
    }
}
