import Foundation
import SweepCore
import SweepWire
import Testing

/// The long curves table: one row per value, parameters as columns, non-finite values empty.
@Suite struct CurvesCSVTests {
    static let trials = [
        Trial(
            id: 1, number: 0, state: .complete, params: ["lr": .double(0.1), "opt": .string("adam, \"fast\"")],
            metrics: ["loss": MetricCurve(steps: [2, 0], values: [1, 3]), "acc": MetricCurve(steps: [0], values: [.nan])]),
        Trial(id: 2, number: 1, state: .pruned, params: ["layers": .int(3), "lr": .double(.infinity)], metrics: ["loss": MetricCurve(steps: [5], values: [-0.5])]),
        Trial(id: 3, number: 2, state: .waiting, params: ["lr": .double(0.5)]),
    ]

    @Test func everyValueIsARowWithTheTrialsParameters() {
        let table = CurvesCSV(trials: Self.trials, metrics: nil)
        // Metrics by name, steps in order, quoted fields as RFC 4180 says, NaN and infinities empty.
        #expect(
            table.text(Self.trials) == #"""
                trial,state,step,metric,value,params_layers,params_lr,params_opt
                0,complete,0,acc,,,0.1,"adam, ""fast"""
                0,complete,0,loss,3.0,,0.1,"adam, ""fast"""
                0,complete,2,loss,1.0,,0.1,"adam, ""fast"""
                1,pruned,5,loss,-0.5,3,,

                """#)
    }

    @Test func oneMetricAlone() {
        let table = CurvesCSV(trials: Self.trials, metrics: ["acc"])
        #expect(table.rows(Self.trials[0]) == "0,complete,0,acc,,,0.1,\"adam, \"\"fast\"\"\"\n")
        #expect(table.rows(Self.trials[1]).isEmpty)
    }

    @Test func withoutParametersTheRowEndsAtTheValue() {
        let trial = Trial(id: 1, number: 7, state: .running, metrics: ["m,1": MetricCurve(steps: [0], values: [2.5])])
        let table = CurvesCSV(trials: [trial], metrics: nil)
        #expect(table.text([trial]) == "trial,state,step,metric,value\n7,running,0,\"m,1\",2.5\n")
    }
}
