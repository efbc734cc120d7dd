// A real call from SIPp through the whole call path, watched through the API: the
// supervisor's event stream, the CDR list and /metrics.

import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import NIOCore
import Server
import SIPTesting
import Testing
import WSClient

@Suite struct RealCallTests {
    /// A caller (13800138000) who dials, waits for the answer, stays two seconds and hangs up.
    static let callerScenario = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="caller">
          <send retrans="500"><![CDATA[
        INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>
        Call-ID: [call_id]
        CSeq: 1 INVITE
        Contact: <sip:13800138000@[local_ip]:[local_port]>
        Max-Forwards: 70
        Content-Type: application/sdp
        Content-Length: [len]

        v=0
        o=caller 1 1 IN IP[local_ip_type] [local_ip]
        s=-
        c=IN IP[media_ip_type] [media_ip]
        t=0 0
        m=audio [media_port] RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
          ]]></send>
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="183" optional="true"/>
          <recv response="200" rtd="true"/>
          <send><![CDATA[
        ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
        Call-ID: [call_id]
        CSeq: 1 ACK
        Max-Forwards: 70
        Content-Length: 0

          ]]></send>
          <pause milliseconds="2000"/>
          <send retrans="500"><![CDATA[
        BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
        Call-ID: [call_id]
        CSeq: 2 BYE
        Max-Forwards: 70
        Content-Length: 0

          ]]></send>
          <recv response="200" crlf="true"/>
        </scenario>
        """

    @Test("a SIPp call to the demo hotline shows on the supervisor's stream as it arrives and ends, then in the CDR list",
          .enabled(if: SIPpProcess.isInstalled, "needs SIPp (Debian sip-tester)"))
    func callThroughTheStack() async throws {
        try await ServerFixture.with(sip: true) { fixture in
            let sipPort = try #require(fixture.sipPort)
            try await fixture.application().test(.live) { client in
                let supervisor = try await client.login(.demoSupervisor)
                _ = try await withTimeout(seconds: 90) {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: supervisor])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        _ = try await reader.next()
                        let caller = Task {
                            try await SIPpProcess.run(["-sf", "{dir}/caller.xml", "-s", "4001234567", "127.0.0.1:\(sipPort)", "-m", "1"],
                                                      files: ["caller.xml": Self.callerScenario], timeLimit: .seconds(40))
                        }
                        let arrived = try await reader.next(kind: "call.arrived")
                        #expect(arrived["details"]["caller"].string == "13800138000")
                        #expect(arrived["call"]["called"].string == "4001234567")
                        let ended = try await reader.next(kind: "call.ended")
                        #expect(ended["call_id"].string == arrived["call_id"].string)
                        let outcome = try await caller.value
                        #expect(outcome.successfulCalls == 1, "\(outcome)")
                    }
                }
                let (status, json) = try await client.call(.get, "/api/v1/cdrs", cookie: supervisor)
                #expect(status == .ok)
                #expect(json["items"].array.map { $0["caller"].string } == ["13800138000"])
                #expect(json["items"][0]["called"].string == "4001234567")
                try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(ServerFixture.metricsToken)"]) { response in
                    #expect(String(buffer: response.body).contains(#"kefu_calls_in_progress{tenant="demo"} 0"#))
                }
            }
        }
    }
}
