import Foundation
import SweepCore
import SweepCurves
import Testing

@testable import SweepRunner

/// A study's curves as a curve dataset, the inverse of `CurveImport`.
@Suite struct CurveExportTests {
    static func trial(
        _ number: Int, _ state: TrialState = .complete, params: [String: ParamValue] = [:], metrics: [String: MetricCurve],
        attributes: [String: JSONValue] = [:]
    ) -> Trial {
        Trial(id: Int64(number + 1), number: number, state: state, params: params, metrics: metrics, userAttributes: attributes)
    }

    @Test func theObjectiveIsTheCurveAndOtherMetricsShareItsSteps() {
        let trials = [
            Self.trial(
                0, params: ["lr": .double(0.1), "layers": .int(2), "opt": .string("adam"), "bn": .bool(true)],
                metrics: ["acc": MetricCurve(steps: [0, 1, 2], values: [0.1, 0.2, 0.3]), "loss": MetricCurve(steps: [0, 2, 4], values: [3, 2, 1])]),
            Self.trial(1, .pruned, metrics: ["acc": MetricCurve(steps: [10, 20], values: [0.5, .nan])]),
            // No report of any metric: not a curve.
            Self.trial(2, .waiting, metrics: [:]),
        ]
        let records = CurveExport.records(trials, metric: "acc", allMetrics: true, direction: .maximize)
        #expect(records.count == 2)
        // The steps any metric reported; a metric that did not report at one is NaN (null) there.
        #expect(records[0].steps == [0, 1, 2, 4])
        #expect(records[0].curve.map { $0.isNaN ? -1 : $0 } == [0.1, 0.2, 0.3, -1])
        #expect(records[0].metrics["loss"]?.map { $0.isNaN ? -1 : $0 } == [3, -1, 2, 1])
        #expect(records[0].params == ["lr": .number(0.1), "layers": .number(2), "opt": .string("adam"), "bn": .bool(true)])
        #expect(records[0].id == "0" && records[1].id == "1")
        #expect(records[0].direction == "maximize")
        #expect(records[1].labels == ["trial": .number(1), "state": .string("pruned")])
        #expect(records[1].steps == [10, 20])
        let objectiveOnly = CurveExport.records(trials, metric: "acc", allMetrics: false, direction: .maximize)
        // Steps 0, 1, 2 are the default and are left out.
        #expect(objectiveOnly[0].steps == nil && objectiveOnly[0].metrics.isEmpty)
    }

    @Test func anImportedTrialKeepsItsIdGroupAndLabels() {
        let imported: [String: JSONValue] = ["source_id": .string("run-a"), "group": .string("g"), "labels": .object(["seed": .number(4), "state": .string("own")])]
        let trials = [
            Self.trial(0, metrics: ["v": MetricCurve(steps: [0], values: [1])], attributes: imported),
            Self.trial(1, metrics: ["v": MetricCurve(steps: [0], values: [2])], attributes: ["source_id": .string("run-b")]),
        ]
        let records = CurveExport.records(trials, metric: "v", allMetrics: false, direction: .minimize)
        #expect(records.map(\.id) == ["run-a", "run-b"])
        #expect(records[0].group == "g")
        // Its own labels stay; the trial number is added, a label named state is kept.
        #expect(records[0].labels == ["seed": .number(4), "state": .string("own"), "trial": .number(0)])
        // Ids that repeat (or are missing on one trial) give way to trial numbers.
        let repeated = trials.map { t in
            var t = t
            t.userAttributes["source_id"] = .string("same")
            return t
        }
        #expect(CurveExport.records(repeated, metric: "v", allMetrics: false, direction: .minimize).map(\.id) == ["0", "1"])
    }

    @Test func whatImportReadsBackIsTheSameStudy() throws {
        // A dataset made by export, read by CurveDataset and turned into drafts again, has the same curves and parameters.
        let trials = [
            Self.trial(0, params: ["lr": .double(0.25), "n": .int(3)], metrics: ["v": MetricCurve(steps: [0, 5], values: [1, 0.5])]),
            Self.trial(1, params: ["lr": .double(0.75), "n": .int(4)], metrics: ["v": MetricCurve(steps: [0, 5, 9], values: [2, 1, 0.25])]),
        ]
        let text = CurveDataset.encode(CurveExport.records(trials, metric: "v", allMetrics: true, direction: .minimize))
        let back = try CurveDataset.parse(text)
        let config = try CurveImport.config(back, name: "again", metric: "v", direction: .minimize, value: .last)
        let drafts = CurveImport.drafts(back, config: config)
        #expect(drafts.map(\.metrics) == trials.map(\.metrics))
        #expect(drafts.map(\.params) == trials.map(\.params))
        #expect(drafts.map(\.state) == [.complete, .complete])
    }
}
