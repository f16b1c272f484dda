import Foundation
import SweepCore
import SweepPruners
import Testing

@Suite struct PrunersTests {
    @Test func namesAndDefaults() throws {
        #expect(Pruners.names == ["nop", "median", "percentile", "threshold", "patient", "successive_halving", "hyperband", "wilcoxon"])
        #expect(try Pruners.make(parsing: "nop") is NopPruner)
        #expect(try Pruners.make(parsing: "median") is MedianPruner)
        #expect(try Pruners.make(parsing: " successive_halving ") is SuccessiveHalvingPruner)
        #expect(try Pruners.make(parsing: "hyperband") is HyperbandPruner)
        #expect(try Pruners.make(parsing: "wilcoxon") is WilcoxonPruner)
    }

    @Test func descriptionsAreSpecsThatRoundTrip() throws {
        let specs = [
            "nop", "median:n_warmup_steps=3", "percentile:percentile=12.5,interval_steps=2", "threshold:lower=-1",
            "patient:patience=2,min_delta=0.5,wrapped=patient:patience=1,wrapped=median", "successive_halving:min_resource=2",
            "hyperband:max_resource=27,reduction_factor=2", "wilcoxon:p_threshold=0.05",
        ]
        for text in specs {
            let pruner = try Pruners.make(parsing: text)
            let again = try Pruners.make(parsing: "\(pruner)")
            #expect("\(again)" == "\(pruner)", "\(text)")
        }
        #expect("\(try Pruners.make(parsing: "hyperband"))" == "hyperband:min_resource=1,max_resource=auto,reduction_factor=3,bootstrap_count=0")
    }

    @Test func badSpecsSayWhatWasExpected() {
        #expect(specError("mediam") == "unknown pruner 'mediam'; expected one of: \(Pruners.allNames.joined(separator: ", "))")
        #expect(specError("nop:x=1") == "unknown parameter 'x' for 'nop'; it takes no parameters")
        #expect(specError("median:n_startup_trials=five") == "n_startup_trials must be an integer >= 0, got 'five'")
        #expect(specError("median:n_startup_trials") == "'n_startup_trials' is not key=value")
        #expect(specError("median:n_warmup_steps=1,n_warmup_steps=2") == "parameter 'n_warmup_steps' is given twice")
        let error = #expect(throws: SweepError.self) { try Pruners.make(parsing: "percentile:percentile=150") }
        #expect(error?.description == "invalid spec 'percentile:percentile=150': percentile must be in [0, 100], got '150'")
    }

    /// A decision must cost the same at 100 trials as at 100,000: pruners read the index's per-step
    /// statistics, attribute multisets and best trial, never the list of finished trials.
    @Test func prunersNeverScanTheFinishedTrials() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SweepPruners").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for forbidden in [".finished", ".trials(", "storage"] {
                #expect(!text.contains(forbidden), "\(file) uses \(forbidden)")
            }
        }
    }
}
