import Testing
@testable import SweepML

@Suite struct LogisticRegressionTests {
    @Test func binaryGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 11)
        var model = LogisticRegression(featureCount: 6, l2: 0.1)
        model.parameters = GradientCheck.gaussian(7, &rng)
        let x = GradientCheck.gaussian(6, &rng)
        for label in [0, 1] {
            let analytic = model.lossAndGradient(x, label: label).gradient
            let numeric = GradientCheck.numerical(model.parameters) { theta in
                var m = model
                m.parameters = theta
                return m.lossAndGradient(x, label: label).loss
            }
            // Relative error below 1e-5 for every parameter.
            #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-5)
        }
    }

    @Test func softmaxGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 12)
        var model = SoftmaxRegression(featureCount: 5, classCount: 4, l2: 0.05)
        model.parameters = GradientCheck.gaussian(model.parameters.count, &rng)
        let x = GradientCheck.gaussian(5, &rng)
        let analytic = model.lossAndGradient(x, label: 2).gradient
        let numeric = GradientCheck.numerical(model.parameters) { theta in
            var m = model
            m.parameters = theta
            return m.lossAndGradient(x, label: 2).loss
        }
        #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-5)
    }

    @Test func inPlaceTrainingStepEqualsGradientStep() {
        var rng = RandomGenerator(seed: 13)
        var model = SoftmaxRegression(featureCount: 3, classCount: 3, l2: 0.01)
        model.parameters = GradientCheck.gaussian(model.parameters.count, &rng)
        let x = [0.5, -1.0, 2.0]
        var expected = model.parameters
        Vector.addScaled(model.lossAndGradient(x, label: 1).gradient, -0.1, to: &expected)
        model.train(x, label: 1, learningRate: 0.1)
        for (a, b) in zip(model.parameters, expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func separatesALinearlySeparableSet() {
        var rng = RandomGenerator(seed: 14)
        var rows: [[Double]] = []
        var labels: [Int] = []
        while rows.count < 200 {
            let x = [4 * rng.nextUnit() - 2, 4 * rng.nextUnit() - 2]
            let margin = x[0] + 2 * x[1] - 0.5
            if abs(margin) < 0.2 { continue }  // keep a gap between the classes
            rows.append(x)
            labels.append(margin > 0 ? 1 : 0)
        }
        var model = LogisticRegression(featureCount: 2)
        for _ in 0..<100 {
            for i in rows.indices { model.train(rows[i], label: labels[i], learningRate: 0.5) }
        }
        // Every training point is on the right side.
        #expect(model.accuracy(Matrix(rows), labels: labels) == 1)
    }

    @Test func multinomialLearnsThreeBlobs() {
        var rng = RandomGenerator(seed: 15)
        let centres: [[Double]] = [[2, 0], [-2, 0], [0, 2.5]]
        var rows: [[Double]] = []
        var labels: [Int] = []
        for i in 0..<300 {
            let c = i % 3
            rows.append([centres[c][0] + 0.5 * rng.nextGaussian(), centres[c][1] + 0.5 * rng.nextGaussian()])
            labels.append(c)
        }
        var model = SoftmaxRegression(featureCount: 2, classCount: 3)
        for _ in 0..<20 {
            for i in rows.indices { model.train(rows[i], label: labels[i], learningRate: 0.1) }
        }
        // Well-separated blobs: at least 97% training accuracy.
        #expect(model.accuracy(Matrix(rows), labels: labels) >= 0.97)
    }
}
