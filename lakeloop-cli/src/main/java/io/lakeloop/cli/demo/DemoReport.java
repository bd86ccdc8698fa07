package io.lakeloop.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reconciliation of one demo run and its JSON form (what {@code demo --json} prints). */
public record DemoReport(Reconciliation reconciliation, Map<String, Object> json) {

    public static DemoReport build(Clickstream stream, long acked, DemoObserver observer, ExportedFile exported,
                                   LakeTargets targets, boolean flowed, Map<String, Object> chaos) {
        long good = stream.count(EventFate.GOOD);
        long rejected = stream.count(EventFate.BAD, EventFate.ANONYMOUS);
        DemoExpectations expectations = new DemoExpectations(stream);
        List<StageResult> stages = new java.util.ArrayList<>(List.of(
                StageResult.ofCounts("produced", "records acknowledged on topic interactions",
                        stream.records().size(), acked, acked, false),
                Reconciliation.compareIds("personalize", "events accepted by Personalize (good + anonymous)",
                        stream.eventIds(EventFate.GOOD, EventFate.ANONYMOUS), observer.emulatorIds(), true),
                StageResult.ofCounts("upstream", "raw records in s3://" + targets.upstreamBucket() + "/"
                        + targets.upstreamPrefix(), expectations.upstreamRecords(), observer.upstreamRecords(),
                        observer.upstreamRecords(), false),
                Reconciliation.compareIds("collated", "lake rows on topic lake.interactions",
                        stream.eventIds(EventFate.GOOD), observer.collatedIds(), false),
                Reconciliation.compareIds("lake", "lake rows in " + targets.lakeUri(stream.day()),
                        stream.eventIds(EventFate.GOOD), observer.lakeIds(), false),
                StageResult.ofCounts("exported", "rows in " + targets.exportUri(), good, exported.runRows(),
                        exported.runRows(), false),
                StageResult.ofCounts("dead-lettered", "dead letters on interactions.dlq (broken + anonymous)",
                        rejected, observer.deadLetterCount(), observer.deadLetterDeliveries(), false)));
        Map<String, Object> sinkReasons = new LinkedHashMap<>();
        observer.sinkDeadLetters().forEach((stage, watch) -> {
            stages.add(StageResult.ofCounts(stage, DemoExpectations.describe(stage) + " on " + watch.topic(),
                    expectations.sinkDeadLetters(stage), watch.count(), watch.deliveries(), true));
            sinkReasons.put(watch.topic(), watch.reasons());
        });
        Reconciliation reconciliation = new Reconciliation(stages, stream.deadLetterReasons(),
                observer.deadLetterReasons(), exported.trainability());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", stream.runId());
        json.put("day", stream.day().toString());
        Map<String, Object> produced = new LinkedHashMap<>();
        produced.put("records", stream.records().size());
        produced.put("events", stream.events().size());
        produced.put("good", good);
        produced.put("anonymous", stream.count(EventFate.ANONYMOUS));
        produced.put("broken", stream.count(EventFate.BAD));
        produced.put("users", stream.goodEventsPerUser().size());
        json.put("produced", produced);
        json.putAll(reconciliation.toJson());
        json.put("flowedWithinTimeout", flowed);
        json.put("secondsToReach", observer.secondsToReach());
        json.put("sinkDlqReasons", sinkReasons);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("uri", targets.exportUri());
        export.put("header", exported.header());
        export.put("rows", exported.totalRows());
        export.put("rowsOfThisRun", exported.runRows());
        json.put("export", export);
        if (!chaos.isEmpty()) {
            json.put("chaos", chaos);
        }
        return new DemoReport(reconciliation, json);
    }
}
