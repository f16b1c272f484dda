import Testing
@testable import SweepML

@Suite struct MatrixTests {
    let a = Matrix([[1, 2, 3], [4, 5, 6]])

    @Test func indexingIsRowMajor() {
        #expect(a[1, 0] == 4)  // row 1, column 0
        #expect(a.values == [1, 2, 3, 4, 5, 6])
        #expect(a.row(1) == [4, 5, 6])
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    }

    @Test func matrixVectorProducts() {
        #expect(a * [1, 0, -1] == [-2, -2])
        #expect(a.multiplyTransposed([1, 1]) == [5, 7, 9])
    }

    @Test func matrixProductMatchesNaiveLoop() {
        var rng = RandomGenerator(seed: 3)
        let x = Matrix(rows: 5, columns: 7, values: GradientCheck.gaussian(35, &rng))
        let y = Matrix(rows: 7, columns: 4, values: GradientCheck.gaussian(28, &rng))
        let c = x * y
        for i in 0..<5 {
            for j in 0..<4 {
                var s = 0.0
                for k in 0..<7 { s += x[i, k] * y[k, j] }
                #expect(abs(c[i, j] - s) < 1e-12)  // same sum up to rounding
            }
        }
        #expect(Matrix.identity(5) * x == x)
    }

    @Test func outerProductUpdate() {
        var m = Matrix(rows: 2, columns: 3)
        m.addOuter([1, 2], [1, 0, -1], scale: 2)
        #expect(m == Matrix([[2, 0, -2], [4, 0, -4]]))
    }

    @Test func vectorHelpers() {
        #expect(Vector.dot([1, 2, 3], [4, 5, 6]) == 32)
        #expect(Vector.argmax([0.1, 0.7, 0.7, 0.2]) == 1)  // first on ties
        #expect(Vector.oneHot(2, count: 4) == [0, 0, 1, 0])
        var y = [1.0, 1.0]
        Vector.addScaled([2, 4], 0.5, to: &y)
        #expect(y == [2, 3])
    }
}
