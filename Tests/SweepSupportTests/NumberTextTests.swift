import Testing

@testable import SweepSupport

@Suite struct NumberTextTests {
    @Test(arguments: [
        (150.0, "150"), (0.25, "0.25"), (-3, "-3"), (1e16, "1e+16"), (123.5, "123.5"), (1e308, "1e+308"),
        (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"), (-0.0, "0"),
    ])
    func numbersReadAsPeopleWriteThem(value: Double, text: String) {
        #expect(formatNumber(value) == text)
    }
}
