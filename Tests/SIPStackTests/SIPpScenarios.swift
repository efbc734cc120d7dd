// SIPp scenarios for the interop suite, written out per run (PEERS.md: SIPp 3.6.1 syntax).

/// The XML scenarios the interop tests hand to SIPp.
enum SIPpScenarios {
    /// OPTIONS to `[service]`; the 200 must carry Allow with INVITE…BYE, Accept with SDP and
    /// Supported.
    static let options = """
    <?xml version="1.0" encoding="ISO-8859-1" ?>
    <scenario name="options">
      <send retrans="500"><![CDATA[
    OPTIONS sip:[service]@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
    To: <sip:[service]@[remote_ip]:[remote_port]>
    Call-ID: [call_id]
    CSeq: 1 OPTIONS
    Max-Forwards: 70
    Accept: application/sdp
    Content-Length: 0

    ]]></send>
      <recv response="200">
        <action>
          <ereg regexp="INVITE.*BYE" search_in="hdr" header="Allow:" check_it="true" assign_to="1"/>
          <ereg regexp="application/sdp" search_in="hdr" header="Accept:" check_it="true" assign_to="2"/>
          <ereg regexp="100rel" search_in="hdr" header="Supported:" check_it="true" assign_to="3"/>
          <ereg regexp="^ *Kefu *$" search_in="hdr" header="Server:" check_it="true" assign_to="4"/>
        </action>
      </recv>
      <Reference variables="1,2,3,4"/>
    </scenario>
    """

    /// One REGISTER of `[field0]` at `expires` seconds: challenge, then credentials from
    /// `[field1]`; the second answer must be `finalStatus`.
    static func register(expires: Int, finalStatus: Int) -> String {
        """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="register">
        \(registerPair(cseq: 1, expires: expires, finalStatus: finalStatus))
        </scenario>
        """
    }

    /// Register, wait for the nonce to expire, re-register with the old nonce (401 with
    /// `stale=true`), succeed with the new one, then un-register.
    static func staleNonce(pauseMilliseconds: Int) -> String {
        """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="stale">
        \(registerPair(cseq: 1, expires: 3600, finalStatus: 200))
          <pause milliseconds="\(pauseMilliseconds)"/>
        \(registerMessage(cseq: 3, expires: 3600, withAuthorization: true))
          <recv response="401" auth="true">
            <action>
              <ereg regexp="stale=true" search_in="hdr" header="WWW-Authenticate:" check_it="true" assign_to="1"/>
            </action>
          </recv>
          <Reference variables="1"/>
        \(registerMessage(cseq: 4, expires: 3600, withAuthorization: true))
          <recv response="200"/>
        \(registerPair(cseq: 5, expires: 0, finalStatus: 200))
        </scenario>
        """
    }

    private static func registerPair(cseq: Int, expires: Int, finalStatus: Int) -> String {
        """
        \(registerMessage(cseq: cseq, expires: expires, withAuthorization: false))
          <recv response="401" auth="true"/>
        \(registerMessage(cseq: cseq + 1, expires: expires, withAuthorization: true))
          <recv response="\(finalStatus)"/>
        """
    }

    private static func registerMessage(cseq: Int, expires: Int, withAuthorization: Bool) -> String {
        """
          <send retrans="500"><![CDATA[
        REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:[field0]@[remote_ip]>;tag=[call_number]
        To: <sip:[field0]@[remote_ip]>
        Call-ID: [call_id]
        CSeq: \(cseq) REGISTER
        Contact: <sip:[field0]@[local_ip]:[local_port];transport=[transport]>
        Max-Forwards: 70
        Expires: \(expires)
        \(withAuthorization ? "[field1]\n" : "")Content-Length: 0

        ]]></send>
        """
    }

    /// INVITE to `[service]`, wait for 180, CANCEL (same branch), 200 for the CANCEL, 487
    /// for the INVITE, ACK.
    static let cancel = """
    <?xml version="1.0" encoding="ISO-8859-1" ?>
    <scenario name="cancel">
      <send retrans="500"><![CDATA[
    INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-cancel-[pid]-[call_number]
    From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
    To: <sip:[service]@[remote_ip]:[remote_port]>
    Call-ID: [call_id]
    CSeq: 1 INVITE
    Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
    Max-Forwards: 70
    Content-Type: application/sdp
    Content-Length: [len]

    v=0
    o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
    s=-
    c=IN IP[media_ip_type] [media_ip]
    t=0 0
    m=audio [media_port] RTP/AVP 0
    a=rtpmap:0 PCMU/8000

    ]]></send>
      <recv response="100" optional="true"/>
      <recv response="180"/>
      <pause milliseconds="100"/>
      <send retrans="500"><![CDATA[
    CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-cancel-[pid]-[call_number]
    From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
    To: <sip:[service]@[remote_ip]:[remote_port]>
    Call-ID: [call_id]
    CSeq: 1 CANCEL
    Max-Forwards: 70
    Content-Length: 0

    ]]></send>
      <recv response="200"/>
      <recv response="487"/>
      <send><![CDATA[
    ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-cancel-[pid]-[call_number]
    From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
    To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
    Call-ID: [call_id]
    CSeq: 1 ACK
    Max-Forwards: 70
    Content-Length: 0

    ]]></send>
    </scenario>
    """
}
