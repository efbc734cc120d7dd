// The Range header against a file's size.

@testable import Server
import Testing

@Suite struct ByteRangeTests {
    @Test("Range headers resolve to the bytes RFC 9110 says, or to the whole file, or to 416", arguments: [
        (nil, 1000, ByteRange.whole),
        ("bytes=0-99", 1000, .bytes(0...99)),
        ("bytes=900-", 1000, .bytes(900...999)),
        ("bytes=-100", 1000, .bytes(900...999)),
        ("bytes=-5000", 1000, .bytes(0...999)),
        ("bytes=990-2000", 1000, .bytes(990...999)),
        ("bytes=1000-", 1000, .unsatisfiable),
        ("bytes=500-100", 1000, .unsatisfiable),
        ("bytes=abc", 1000, .unsatisfiable),
        ("bytes=-0", 1000, .unsatisfiable),
        ("bytes=0-10,20-30", 1000, .whole),
        ("items=0-10", 1000, .whole),
        ("bytes=0-", 0, .unsatisfiable),
    ] as [(String?, Int, ByteRange)])
    func ranges(header: String?, size: Int, expected: ByteRange) {
        #expect(ByteRange(header: header, size: size) == expected)
    }
}
