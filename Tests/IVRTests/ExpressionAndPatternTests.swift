// The small languages inside flows: condition expressions, templates and digit patterns.
import Testing
@testable import IVR

@Suite struct ExpressionAndPatternTests {
    let values = ["balance": "-12.5", "tier": "vip", "caller": "13800138000", "empty": "", "n": "7"]

    @Test("expressions compare numbers as numbers and text as text", arguments: [
        ("balance < 0", true), ("balance == -12.50", true), ("tier == \"vip\" && n >= 7", true),
        ("tier != 'vip' || n > 7", false), ("!(n % 2 == 0)", true), ("n * 2 + 1 == 15", true),
        ("startsWith(caller, \"138\")", true), ("endsWith(caller, \"000\")", true), ("contains(tier, \"i\")", true),
        ("length(caller) == 11", true), ("isEmpty(empty) && isEmpty(unset)", true), ("\"10\" > \"9\"", true), ("\"b\" > \"a\"", true),
    ])
    func evaluate(source: String, expected: Bool) throws {
        #expect(try FlowExpression(source).isTrue { values[$0] } == expected)
    }

    @Test("syntax errors name the column", arguments: [
        ("balance <", "the expression ends too early at column 10"),
        ("(a == 1", "'(' is never closed at column 1"),
        ("a === 1", "unexpected '=' at column 5"),
        ("frob(a)", "unknown function 'frob'; use startsWith, endsWith, contains, length, isEmpty at column 1"),
        ("\"open", "text is never closed with \" at column 1"),
        ("", "the expression is empty at column 1"),
    ])
    func syntaxErrors(source: String, message: String) {
        #expect(throws: FlowExpression.SyntaxError.self) { try FlowExpression(source) }
        do { _ = try FlowExpression(source) } catch { #expect(error.description == message) }
    }

    @Test("arithmetic on text and conditions that are not true or false fail at run time")
    func runtimeErrors() throws {
        #expect(throws: FlowExpression.EvaluationError(reason: "'+' needs numbers, got 'vip' and '1'")) { try FlowExpression("tier + 1").evaluate { values[$0] } }
        #expect(throws: FlowExpression.EvaluationError(reason: "'n' does not give true or false")) { try FlowExpression("n").isTrue { values[$0] } }
        #expect(throws: FlowExpression.EvaluationError(reason: "division by zero")) { try FlowExpression("n / 0").evaluate { values[$0] } }
    }

    @Test("digit patterns match whole entries", arguments: [
        ("^1[3-9]\\d{9}$", "13800138000", true), ("^1[3-9]\\d{9}$", "12800138000", false), ("^1[3-9]\\d{9}$", "1380013800", false),
        ("\\d{4,6}", "1234", true), ("\\d{4,6}", "1234567", false), ("(110|120|119)", "120", true), ("(110|120|119)", "112", false),
        ("[^0]\\d*", "0123", false), ("[^0]\\d*", "5", true), ("8\\*.?", "8*", true), ("a+b?", "aaab", true), ("(12)+", "121212", true),
    ])
    func patterns(pattern: String, input: String, matches: Bool) throws {
        #expect(try DigitPattern(pattern).matches(input) == matches)
    }

    @Test("a pattern that would backtrack for ages gives up instead of hanging the call")
    func backtrackingBudget() throws {
        let pattern = try DigitPattern("(\\d*)*#")
        #expect(!pattern.matches(String(repeating: "1", count: 32)))
        #expect(pattern.matches("12#"))
    }

    @Test("bad digit patterns say what and where", arguments: [
        ("[0-9", "'[' is never closed at position 1"), ("(12", "'(' is never closed at position 1"), ("12)", "unmatched ')' at position 3"),
        ("*1", "'*' has nothing to repeat at position 1"), ("\\d{3,1}", "'{3,1}': the maximum is below the minimum at position 3"),
        ("[9-0]", "range 9-0 is out of order at position 3"), ("\\q", "unknown escape '\\q' at position 1"), ("1^2", "'^' is only allowed at the start at position 2"),
    ])
    func badPatterns(pattern: String, message: String) {
        do { _ = try DigitPattern(pattern); Issue.record("compiled") } catch { #expect(error.description == message) }
    }

    @Test("templates substitute variables, keep $$ as $ and refuse unclosed placeholders")
    func templates() throws {
        let template = try TextTemplate(parsing: "余额$${balance}=${balance}元 ${missing}!")
        #expect(template.variables == ["balance", "missing"])
        #expect(template.render(values) == "余额${balance}=-12.5元 !")
        #expect(throws: TextTemplate.ParseError(offset: 3, reason: "'${' is never closed with '}'")) { try TextTemplate(parsing: "abc${x") }
        #expect(throws: TextTemplate.ParseError(offset: 0, reason: "'1x' is not a variable name (letters, digits, '_' and '.', not starting with a digit)")) {
            try TextTemplate(parsing: "${1x}")
        }
    }

    @Test("caller numbers normalise to national form", arguments: [
        ("+8613800138000", "13800138000"), ("008613800138000", "13800138000"), ("8613800138000", "13800138000"),
        ("013800138000", "13800138000"), ("+86 571 8888 6666", "057188886666"), ("01012345678", "01012345678"), ("95588", "95588"),
    ])
    func nationalForm(raw: String, national: String) {
        #expect(PhoneNumber(raw).nationalForm == national)
    }
}
