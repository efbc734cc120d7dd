// The caller-area table: longest-prefix lookups and the operator's CSV import with errors per line.
import Testing
@testable import IVR

@Suite struct AreaTableTests {
    @Test("the demo table maps mobile blocks and area codes, longest prefix first")
    func demoTable() throws {
        let table = InboundRuleTests.areas
        #expect(table.count == 12)
        #expect(table.lookup(PhoneNumber("+8613800138000"))?.area == Area(province: "北京", city: "北京"))
        #expect(table.lookup(PhoneNumber("057188886666"))?.prefix == "0571")
        #expect(table.lookup(PhoneNumber("+86 755 1234 5678"))?.area == Area(province: "广东", city: "深圳"))
        #expect(table.lookup(PhoneNumber("19912345678")) == nil)
    }

    @Test("a longer prefix wins over a shorter one")
    func longestPrefix() throws {
        let table = try AreaTable.parseCSV("138,全国,移动\n1380571,浙江,杭州\n")
        #expect(table.lookup("13805710000")?.area.city == "杭州")
        #expect(table.lookup("13800000000")?.area.city == "移动")
    }

    @Test("quoted fields, a BOM, CRLF line ends, comments and repeated identical lines are accepted")
    func tolerantInput() throws {
        let table = try AreaTable.parseCSV("\u{FEFF}prefix,province,city\r\n# comment\r\n\"0571\",\"浙江\",\"杭州\"\r\n0571,浙江,杭州\r\n\r\n\"0591\",\"福建\",\"福州, 市\"\r\n")
        #expect(table.count == 2)
        #expect(table.lookup("059112345678")?.area.city == "福州, 市")
    }

    @Test("every bad line is reported with its line and column")
    func errors() {
        let csv = """
            prefix,province,city
            0571,浙江,杭州
            05x1,浙江,杭州
            0571,浙江,宁波
            12,北京,北京
            1380013,北京
            1390021,,上海
            "0755,广东,深圳
            020,"广"东,广州
            021,上海,上"海
            """
        #expect(throws: AreaCSVError(problems: [
            AreaCSVProblem(line: 3, column: 1, message: "prefix '05x1' has 'x' at position 3; prefixes are digits only, in national form (no +86)"),
            AreaCSVProblem(line: 4, column: 1, message: "prefix 0571 is already 浙江/杭州 on line 2, here 浙江/宁波"),
            AreaCSVProblem(line: 5, column: 1, message: "prefix '12' has 2 digits; use 3 to 11 (area code or mobile block)"),
            AreaCSVProblem(line: 6, column: nil, message: "expected 3 fields (prefix,province,city), found 2"),
            AreaCSVProblem(line: 7, column: 2, message: "province is empty"),
            AreaCSVProblem(line: 8, column: 1, message: "quoted field is never closed"),
            AreaCSVProblem(line: 9, column: 2, message: "text after the closing '\"' of a quoted field"),
            AreaCSVProblem(line: 10, column: 3, message: "stray '\"' inside an unquoted field"),
        ], truncated: false)) {
            try AreaTable.parseCSV(csv)
        }
    }

    @Test("a huge broken file reports the first hundred problems and says there were more")
    func truncation() {
        let csv = (0..<150).map { "x\($0),a,b" }.joined(separator: "\n")
        do {
            _ = try AreaTable.parseCSV(csv)
            Issue.record("parsed")
        } catch {
            #expect(error.problems.count == 100)
            #expect(error.truncated)
        }
    }
}
