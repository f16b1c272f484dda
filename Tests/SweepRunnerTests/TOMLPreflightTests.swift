import Testing

@testable import SweepRunner

/// toml++ asserts on a header whose key cannot start where it does and on an array element that
/// cannot start a value; the preflight finds exactly those and nothing in valid TOML.
struct TOMLPreflightTests {
    @Test(arguments: [
        ("[=]", 1), ("[ {a}", 1), ("a = 1\n[[ =]]", 2), ("[\n", 1), ("[[\n", 1), ("[[[a]]]", 1),
        ("[\r\n", 1), ("x = [1,\n 2]\n\n[ é]", 4), ("s = \"\"\"\none\n\"\"\"\n[.a]", 4),
        ("a = 'x'\n# [=\n[#]", 3),
    ])
    func findsTheHeadersTomlPlusPlusAssertsOn(text: String, line: Int) {
        #expect(TOMLPreflight.firstProblem(in: text) == .init(line: line, expected: TOMLPreflight.headerKey))
    }

    @Test(arguments: [
        ("a = [}]", 1), ("a = [1, }]", 1), ("a = [\r1]", 1), ("x = 1\na = [\n  # c\n  \u{0B}]", 4),
        ("a = [ [1], [\u{2028}] ]", 1), ("t = { a = [ } ] }", 1), ("a = [1,\r\n\u{0C}]", 2),
    ])
    func findsTheArrayElementsTomlPlusPlusAssertsOn(text: String, line: Int) {
        #expect(TOMLPreflight.firstProblem(in: text) == .init(line: line, expected: TOMLPreflight.arrayElement))
    }

    @Test(arguments: [
        "[params]\nlr = 1", "[[runs]]\n[ \"quoted key\" ]\n['lit']\n[ a . b ]", "[]", "[ [a]]", "[",
        "x = [\n  [{a = 1}],\n  [+1],\n  [],\n]", "s = \"\"\"\n[=]\n\"\"\"", "t = '''\n[{'''", "# [=]",
        "u = \"a\\\"[\"\n[ok]", "v = { a = [1, 2] }\n[ok]", "k = \"x\"  # ]\n[ok]",
        "a = [\r\n  1,\r\n  # }\r\n  2,\r\n]", "a = [1, 2, ]", "a = [{ b = '}' }, \"}\"]", "a = { b = 1, c = 2 }",
    ])
    func passesWhatTomlPlusPlusHandlesItself(text: String) {
        #expect(TOMLPreflight.firstProblem(in: text) == nil)
        _ = try? TOMLText.table(text, source: "t.toml")  // toml++ answers these without asserting
    }

    @Test func aStudyFileWithSuchAHeaderFailsByName() {
        #expect {
            try StudyFile.parse("name = \"s\"\n[ =params]\n", source: "study.toml")
        } throws: { "\($0)".contains("study.toml:2: invalid TOML: a table header must name a key") }
    }
}
