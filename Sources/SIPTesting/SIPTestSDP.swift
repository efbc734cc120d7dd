// Session descriptions for test messages, as softphones send them.

/// Sample SDP bodies (CRLF line ends) for INVITEs and 200 OKs in tests.
public enum SIPTestSDP {
    /// An audio offer with PCMU, PCMA and telephone-event from 127.0.0.1:40000.
    public static let offer: [UInt8] = Array(lines([
        "v=0",
        "o=alice 2890844526 2890844526 IN IP4 127.0.0.1",
        "s=-",
        "c=IN IP4 127.0.0.1",
        "t=0 0",
        "m=audio 40000 RTP/AVP 0 8 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=ptime:20",
        "a=sendrecv",
    ]).utf8)

    /// An audio answer choosing PCMU and telephone-event at 127.0.0.1:41000.
    public static let answer: [UInt8] = Array(lines([
        "v=0",
        "o=kefu 1 1 IN IP4 127.0.0.1",
        "s=-",
        "c=IN IP4 127.0.0.1",
        "t=0 0",
        "m=audio 41000 RTP/AVP 0 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=sendrecv",
    ]).utf8)

    private static func lines(_ lines: [String]) -> String {
        lines.map { $0 + "\r\n" }.joined()
    }
}
