@testable import SweepCurves
import Testing

@Suite struct StudentTTests {
    @Test(arguments: [(0.0, 5.0, 0.5), (2.228, 10.0, 0.975), (-2.228, 10.0, 0.025), (1.96, 1e9, 0.975), (12.706, 1.0, 0.975)])
    func matchesTables(_ t: Double, _ df: Double, _ p: Double) {
        // Printed t-table values, to 3 decimals.
        #expect(abs(StudentT.cdf(t, df: df) - p) < 1e-3)
    }
}
