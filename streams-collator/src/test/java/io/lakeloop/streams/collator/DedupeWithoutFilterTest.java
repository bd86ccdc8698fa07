package io.lakeloop.streams.collator;

import java.util.Map;

/** {@link DedupeTest}'s cases with no dedupe filters: every lookup asks the store. */
class DedupeWithoutFilterTest extends DedupeTest {

    @Override
    Map<String, Object> overrides() {
        return Map.of(CollatorConfig.DEDUPE_FILTER_MEMORY_CONFIG, 0L);
    }
}
