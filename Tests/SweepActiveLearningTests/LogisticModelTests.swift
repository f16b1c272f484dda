import SweepML
import Testing
@testable import SweepActiveLearning

@Suite struct LogisticModelTests {
    static let rows = Matrix([[0, 0], [0.2, 0.1], [1, 1], [0.9, 1.2], [2, 0], [2.1, 0.2], [0, 2], [0.1, 2.2]])
    static let labels = [0, 0, 1, 1, 3, 3, 4, 4]

    /// Cold: a class no label has shown gets probability 0, the others share 1, and a fit does
    /// not depend on the fits before it.
    @Test func coldFitsModelTheClassesSeen() throws {
        var model = LogisticModel(featureCount: 2, classCount: 5, start: .cold)
        model.fit(Self.rows, labels: Self.labels)
        #expect(model.classes == [0, 1, 3, 4])
        let p = model.probabilities(Self.rows)
        for i in 0..<p.rows {
            #expect(p.values[i * 5 + 2] == 0)
            #expect(abs(p.row(i).reduce(0, +) - 1) < 1e-12)
        }
        var fresh = LogisticModel(featureCount: 2, classCount: 5, start: .cold)
        var again = model
        again.fit(Matrix(rows: 4, columns: 2, values: Array(Self.rows.values.prefix(8))), labels: [0, 0, 1, 1])
        again.fit(Self.rows, labels: Self.labels)
        fresh.fit(Self.rows, labels: Self.labels)
        #expect(again.probabilities(Self.rows) == fresh.probabilities(Self.rows))
        // Warm keeps every class; the unseen one's probability is small but not 0.
        var warm = LogisticModel(featureCount: 2, classCount: 5)
        warm.fit(Self.rows, labels: Self.labels)
        #expect(warm.classes == [0, 1, 2, 3, 4] && warm.probabilities(Self.rows).values[2] > 0)
    }

    /// Two classes seen: the two-class softmax with C/2 is the binary model with C, whose
    /// optimum satisfies ∇ = Σ (p - y) x + w / C = 0 in the one weight vector w = W₁ - W₀.
    @Test func twoClassesSeenIsTheBinaryModel() throws {
        var model = LogisticModel(featureCount: 2, classCount: 5, inverseRegularization: 0.7, solver: LBFGS(gradientTolerance: 1e-12, maxIterations: 10_000), start: .cold)
        let labels = [0, 0, 3, 3, 3, 0, 3, 0]
        model.fit(Self.rows, labels: labels)
        #expect(model.classes == [0, 3])
        let w = model.regression.parameters
        let binary = [w[2] - w[0], w[3] - w[1]]
        let p = model.probabilities(Self.rows)
        var gradient = binary.map { $0 / 0.7 }
        for i in 0..<Self.rows.rows {
            let residual = p.values[i * 5 + 3] - (labels[i] == 3 ? 1 : 0)
            for j in 0..<2 { gradient[j] += residual * Self.rows.values[i * 2 + j] }
        }
        #expect(gradient.allSatisfy { abs($0) < 1e-8 }, "binary gradient \(gradient)")
    }

    /// One class seen: it gets probability 1.
    @Test func oneClassSeenGetsEverything() {
        var model = LogisticModel(featureCount: 2, classCount: 3, start: .cold)
        model.fit(Matrix([[0, 1], [1, 0]]), labels: [2, 2])
        #expect(model.probabilities(Matrix([[5, 5]])).values == [0, 0, 1])
        #expect(throws: ActiveLearningError.self) { try ModelSpec(parsing: "logreg:fit=tepid") }
    }
}
